package fr.vigie.domain.retex;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RETEX counters of one series, on small hand-made seasons. */
class SeriesReviewTest {

    static final Season SEASON = new Season(2025);
    static final Instant DAY0 = Instant.parse("2025-11-01T05:00:00Z");
    static final SeriesKey SERIES = new SeriesKey("CH-1", "FFP2");
    static final Thresholds THRESHOLDS = new Thresholds(10, 5);

    static Snapshot snap(int day, long onHand, long consumed) {
        return new Snapshot("CH-1", "FFP2", DAY0.plus(Duration.ofDays(day)), onHand, consumed, null, null, null);
    }

    static AlertEvent event(int day, AlertLevel level) {
        Instant at = DAY0.plus(Duration.ofDays(day));
        return new AlertEvent(AlertEvent.alertId("CH-1", "FFP2", at), "CH-1", "FFP2", level, null, at, 3, null, 30, 10, List.of(Reason.COVERAGE_BELOW_WARNING));
    }

    @Test
    void coverageIsStockOverTheRecentAverageUseAndDaysUnderThresholdsAreCounted() {
        DailyCoverage nation = new DailyCoverage(SEASON.length());
        SeriesReview r = new SeriesReview(SERIES, THRESHOLDS, SEASON, List.of(), List.of(nation));
        long[] stock = {200, 190, 180, 90, 80, 40, 30};
        for (int day = 0; day < stock.length; day++) {
            r.add(snap(day, stock[day], 10));
        }
        r.finish();
        // use is 10 a day: coverages 19, 18, 9, 8, 4, 3 days after the first (unknown) one
        assertEquals(3.0, r.minCoverage().getAsDouble(), 1e-9);
        assertEquals(4, r.daysUnderWarning());
        assertEquals(2, r.daysUnderCritical());
        assertEquals(0, r.stockoutDays());
        int today = SEASON.dayIndex(DAY0.plus(Duration.ofDays(6)));
        assertEquals(3.0, nation.coverage(today).getAsDouble(), 1e-9);
        assertTrue(nation.coverage(SEASON.dayIndex(DAY0)).isEmpty(), "no use is known from a first snapshot");
    }

    @Test
    void eachStockOutHasTheLeadOfTheAlertOpenWhenItBeganAndZeroWithoutOne() {
        List<AlertEvent> events = List.of(event(1, AlertLevel.WARNING), event(3, AlertLevel.CRITICAL),
                event(6, AlertLevel.RECOVERED));
        DailyCoverage nation = new DailyCoverage(SEASON.length());
        SeriesReview r = new SeriesReview(SERIES, THRESHOLDS, SEASON, events, List.of(nation));
        long[] stock = {50, 40, 30, 20, 0, 0, 40, 30, 0};
        for (int day = 0; day < stock.length; day++) {
            r.add(snap(day, stock[day], 10));
        }
        r.finish();
        assertEquals(3, r.stockoutDays());
        assertEquals(2, r.stockouts());
        assertEquals(List.of(3.0, 0.0), r.leads(), "opened on day 1, out on day 4; the second stock-out came after the recovery");
        assertEquals(1, r.stockoutsWithoutAlert());
        assertEquals(3, r.alertsSent());
        assertEquals(1, nation.stockouts(SEASON.dayIndex(DAY0.plus(Duration.ofDays(4)))));
        assertEquals(1, nation.alerts(SEASON.dayIndex(DAY0.plus(Duration.ofDays(3)))));
        assertEquals(0, nation.alerts(SEASON.dayIndex(DAY0.plus(Duration.ofDays(6)))), "a recovery is not an alert raised");
    }

    @Test
    void anAlertRaisedByTheStockOutItselfDidNotAnnounceIt() {
        SeriesReview r = new SeriesReview(SERIES, THRESHOLDS, SEASON, List.of(event(2, AlertLevel.CRITICAL)), List.of());
        r.add(snap(0, 20, 10));
        r.add(snap(1, 10, 10));
        r.add(snap(2, 0, 10));
        r.finish();
        assertEquals(List.of(0.0), r.leads());
        assertEquals(1, r.stockoutsWithoutAlert());
    }

    @Test
    void aMissedDayCarriesTheStockOverInTheAreaCurve() {
        DailyCoverage nation = new DailyCoverage(SEASON.length());
        SeriesReview r = new SeriesReview(SERIES, THRESHOLDS, SEASON, List.of(), List.of(nation));
        r.add(snap(0, 100, 10));
        r.add(snap(1, 90, 10));
        r.add(snap(4, 60, 30));
        r.finish();
        int missed = SEASON.dayIndex(DAY0.plus(Duration.ofDays(2)));
        assertEquals(9.0, nation.coverage(missed).getAsDouble(), 1e-9);
        assertEquals(9.0, nation.coverage(missed + 1).getAsDouble(), 1e-9);
        assertEquals(60 / (40 / 4.0), nation.coverage(missed + 2).getAsDouble(), 1e-9, "a gap's use is spread over its days");
    }

    @Test
    void aSeasonRunsFromTheFirstOfSeptemberToTheThirtyFirstOfAugust() {
        assertEquals(Optional.of(new Season(2025)), Season.parse("2025-2026"));
        assertEquals(Optional.empty(), Season.parse("2025-2027"));
        assertEquals(Optional.empty(), Season.parse("2025"));
        assertEquals(Instant.parse("2025-09-01T00:00:00Z"), new Season(2025).from());
        assertEquals(Instant.parse("2026-08-31T23:59:59.999Z"), new Season(2025).to());
        assertEquals(366, new Season(2027).length(), "the season of 29 February 2028");
    }
}
