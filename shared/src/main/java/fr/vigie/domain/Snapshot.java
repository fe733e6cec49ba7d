package fr.vigie.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The stock of one device at one facility at one instant (spec section 2).
 * Optional quantities are {@code null} when the feed left them empty.
 */
public record Snapshot(
        String facilityId,
        String deviceId,
        Instant timestamp,
        long onHand,
        Long consumed,
        Long received,
        Long onOrder,
        LocalDate expectedDelivery) {

    public Snapshot {
        Objects.requireNonNull(facilityId, "facilityId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** Identity of a snapshot: a repeated row with the same key is the same snapshot. */
    public SnapshotKey key() {
        return new SnapshotKey(facilityId, deviceId, timestamp);
    }

    public SeriesKey series() {
        return new SeriesKey(facilityId, deviceId);
    }

    public long receivedOrZero() {
        return received == null ? 0 : received;
    }

    public long onOrderOrZero() {
        return onOrder == null ? 0 : onOrder;
    }
}
