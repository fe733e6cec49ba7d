package fr.vigie.domain;

import java.time.Instant;

/**
 * A facility, or one of its devices, that stopped reporting (spec section 3, {@code type}
 * STALE_DATA): {@code OPEN} once when it falls silent, {@code CLOSED} once when data comes back
 * ({@code at} is then the first new snapshot's timestamp). {@code deviceId} is null when the whole
 * facility is silent. {@code lastSeen} is the last snapshot received before the silence.
 */
public record StaleDataEvent(String facilityId, String deviceId, Status status, Instant lastSeen, Instant at)
        implements OutgoingEvent {

    public static final String TYPE = "STALE_DATA";

    public enum Status { OPEN, CLOSED }

    /**
     * The silence's id, the same for its OPEN and its CLOSED event: {@code facilityId#deviceId#lastSeen}
     * ({@code *} for the whole facility), e.g. {@code CH-HDF-03#HFNC-PED#2025-11-14T05:00:00Z}.
     */
    public String silenceId() {
        return facilityId + "#" + (deviceId == null ? "*" : deviceId) + "#" + lastSeen;
    }

    /** True when the event concerns the whole facility rather than one device. */
    public boolean facilityWide() {
        return deviceId == null;
    }
}
