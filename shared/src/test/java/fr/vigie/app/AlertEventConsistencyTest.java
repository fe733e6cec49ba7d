package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an alert tells a hospital agrees with itself: a WARNING shows coverage under the warning
 * threshold, a CRITICAL under the critical one, with a stock-out date after the alert's day; a
 * RECOVERED shows coverage back above the warning threshold. Checked on every alert of both samples.
 */
class AlertEventConsistencyTest {

    @ParameterizedTest
    @ValueSource(strings = {"season-a", "season-b"})
    void everyAlertsFiguresMatchItsLevel(String season) throws Exception {
        Map<String, Thresholds> thresholds = SampleSeason.watchlist(season).stream()
                .collect(Collectors.toMap(WatchlistEntry::deviceId, WatchlistEntry::thresholds));
        var alerts = SampleSeason.replay(season).alerts();
        assertFalse(alerts.isEmpty());
        for (AlertEvent e : alerts) {
            Thresholds t = thresholds.get(e.deviceId());
            LocalDate day = LocalDate.ofInstant(e.at(), ZoneOffset.UTC);
            switch (e.level()) {
                case WARNING -> assertTrue(e.coverageDays() < t.warningDays(), e::toString);
                case CRITICAL -> assertTrue(e.coverageDays() < t.criticalDays(), e::toString);
                case RECOVERED -> assertTrue(e.coverageDays() >= t.warningDays(), e::toString);
                default -> throw new AssertionError("not a level an event carries: " + e);
            }
            if (e.level().isOpen() && e.onHand() > 0) {
                assertTrue(e.projectedStockout() != null && e.projectedStockout().isAfter(day), e::toString);
            }
        }
    }
}
