package fr.vigie.adapter.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Key prefixes and the fixed-width time format that makes sort keys sort in time order. */
final class Keys {

    static final String FACILITY = "FAC#";
    static final String DEVICE = "DEV#";
    static final String POLL = "POLL#";
    static final String ALERT_STATE = "STATE";
    static final String ALERT_EVENT = "EVENT#";
    static final String DISRUPTION_STATE = "DISRUPTION_STATE";
    static final String DISRUPTION_EVENT = "DISRUPTION#";
    static final String PENDING = "PENDING";
    static final String OPEN = "OPEN";
    static final String FACILITY_REGISTRY = "FACILITY";
    static final String WATCHLIST = "WATCHLIST";

    /** Millisecond, always the same width: "2025-11-02T05:00:00.000Z" sorts as time does. */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Keys() {
    }

    static String series(String facilityId, String deviceId) {
        return FACILITY + facilityId + "#" + DEVICE + deviceId;
    }

    static String device(String deviceId) {
        return DEVICE + deviceId;
    }

    static String time(Instant instant) {
        return SORTABLE.format(instant);
    }
}
