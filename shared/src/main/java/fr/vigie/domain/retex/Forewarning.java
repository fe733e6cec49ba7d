package fr.vigie.domain.retex;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * A national signal of the season (a supply disruption announced, a manufacturer's notice) and the
 * lead it gave: days from its announcement to the device's next stock-out at a facility.
 *
 * @param kind      what it was, in French for the report ("tension nationale — retards de livraison")
 * @param id        the disruption or notice id
 * @param deviceId  the device concerned (empty for a notice on a reference outside the list)
 * @param announced when it was announced
 * @param nextStockout the first stock-out start of the device at or after the announcement (null: none)
 */
public record Forewarning(String kind, String id, String deviceId, Instant announced, Instant nextStockout) {

    /** Days between the announcement and the next stock-out; empty when none followed. */
    public OptionalDouble leadDays() {
        return nextStockout == null ? OptionalDouble.empty()
                : OptionalDouble.of(Duration.between(announced, nextStockout).toMinutes() / 1440.0);
    }
}
