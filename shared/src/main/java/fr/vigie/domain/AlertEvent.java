package fr.vigie.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One change of a facility/device alert level (spec section 3). {@code at} is the timestamp of the
 * snapshot that caused the change, never the wall clock, so a replay gives the same events.
 */
public record AlertEvent(
        String alertId,
        String facilityId,
        String deviceId,
        AlertLevel level,
        AlertLevel previousLevel,
        Instant at,
        double coverageDays,
        LocalDate projectedStockout,
        long onHand,
        double dailyUseForecast,
        List<Reason> reasons) implements OutgoingEvent {

    public AlertEvent {
        reasons = List.copyOf(reasons);
    }

    public static String alertId(String facilityId, String deviceId, Instant at) {
        return facilityId + "#" + deviceId + "#" + at;
    }

    public SeriesKey series() {
        return new SeriesKey(facilityId, deviceId);
    }
}
