package fr.vigie.domain.retex;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    static final Facility FACILITY = new Facility("CH-1", "CH Un", "53", null);
    static final DeviceHistory HISTORY = DeviceHistory.of(entry(THRESHOLDS));

    static WatchlistEntry entry(Thresholds t) {
        return new WatchlistEntry("FFP2", "FFP2", Set.of(Epidemic.FLU), "piece", null, List.of(),
                new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), t, true);
    }

    static SeriesReview review(DeviceHistory history, List<AlertEvent> events, DailyCoverage... curves) {
        return new SeriesReview(SERIES, FACILITY, history, SEASON, events, List.of(curves));
    }

    static int day(int offset) {
        return SEASON.dayIndex(DAY0.plus(Duration.ofDays(offset)));
    }

    @Test
    void coverageIsTheAlertsProjectionAndDaysUnderThresholdsAreCounted() {
        DailyCoverage nation = new DailyCoverage(SEASON.length(), 30);
        SeriesReview r = review(HISTORY, List.of(), nation);
        long[] stock = {200, 190, 180, 90, 80, 40, 30};
        double[] projected = {25, 22, 20, 9, 8, 4, 3};
        for (int d = 0; d < stock.length; d++) {
            r.add(snap(d, stock[d], 10), projected[d]);
        }
        r.finish();
        assertEquals(3.0, r.minCoverage().getAsDouble(), 1e-9);
        assertEquals(3.0, r.minBurnRate().getAsDouble(), 1e-9, "the burn-rate days of supply beside it: 30 / 10 a day");
        assertEquals(4, r.daysUnderWarning());
        assertEquals(2, r.daysUnderCritical());
        assertEquals(0, r.stockoutDays());
        assertEquals(3.0, nation.median(day(6)).getAsDouble(), 1e-9);
        assertEquals(1, nation.underWarning(day(6)));
    }

    @Test
    void eachDayIsJudgedByTheThresholdsInForceThatDay() {
        Instant change = DAY0.plus(Duration.ofDays(3)).minusSeconds(3600);
        DeviceHistory history = new DeviceHistory("FFP2", List.of(new DeviceHistory.Version(Instant.EPOCH, entry(new Thresholds(10, 5))),
                new DeviceHistory.Version(change, entry(new Thresholds(30, 15)))));
        SeriesReview r = review(history, List.of());
        for (int d = 0; d < 6; d++) {
            r.add(snap(d, 200, 10), 20);
        }
        r.finish();
        assertEquals(3, r.daysUnderWarning(), "20 days is fine under 10 / 5 and under warning from the day 30 / 15 came in force");
        assertEquals(0, r.daysUnderCritical());
    }

    @Test
    void eachStockOutHasTheLeadOfTheAlertOpenWhenItBeganAndZeroWithoutOne() {
        List<AlertEvent> events = List.of(event(1, AlertLevel.WARNING), event(3, AlertLevel.CRITICAL),
                event(6, AlertLevel.RECOVERED));
        DailyCoverage nation = new DailyCoverage(SEASON.length(), 30);
        SeriesReview r = review(HISTORY, events, nation);
        long[] stock = {50, 40, 30, 20, 0, 0, 40, 30, 0};
        for (int d = 0; d < stock.length; d++) {
            r.add(snap(d, stock[d], 10), stock[d] / 10.0);
        }
        r.finish();
        assertEquals(3, r.stockoutDays());
        assertEquals(2, r.stockouts());
        assertEquals(List.of(3.0, 0.0), r.leads(), "opened on day 1, out on day 4; the second stock-out came after the recovery");
        assertEquals(1, r.stockoutsWithoutAlert());
        assertEquals(1, r.events(AlertLevel.WARNING));
        assertEquals(1, r.events(AlertLevel.CRITICAL));
        assertEquals(1, r.events(AlertLevel.RECOVERED), "a recovery is counted apart, not as an alert sent");
        assertEquals(1, nation.stockouts(day(4)));
        assertEquals(1, nation.alerts(day(3)));
        assertEquals(0, nation.alerts(day(6)), "a recovery is not an alert raised");
    }

    @Test
    void anAlertRaisedByTheStockOutItselfDidNotAnnounceIt() {
        SeriesReview r = review(HISTORY, List.of(event(2, AlertLevel.CRITICAL)));
        r.add(snap(0, 20, 10), 2);
        r.add(snap(1, 10, 10), 1);
        r.add(snap(2, 0, 10), 0);
        r.finish();
        assertEquals(List.of(0.0), r.leads());
        assertEquals(1, r.stockoutsWithoutAlert());
    }

    @Test
    void aMissedDayOrTwoCarryTheLastStateAndLongerSilenceIsUnknownNeverFine() {
        DailyCoverage nation = new DailyCoverage(SEASON.length(), 30);
        SeriesReview r = review(HISTORY, List.of(), nation);
        r.add(snap(0, 100, 10), 12);
        r.add(snap(1, 90, 10), 11);
        r.add(snap(6, 60, 30), 2);
        r.finish();
        r.closeSeason(day(0), day(8));
        assertEquals(1, nation.known(day(2)));
        assertEquals(11.0, nation.median(day(3)).getAsDouble(), 1e-9, "two missed days carry the last state");
        assertEquals(0, nation.known(day(4)));
        assertEquals(1, nation.unknown(day(4)), "a third missed day is unknown");
        assertEquals(1, nation.unknown(day(5)));
        assertEquals(0, nation.unknown(day(8)), "two days after the last snapshot still carry it");
        assertEquals(2, r.daysUnknown());
        assertEquals(3, r.daysReported());
        assertEquals(3.0 / 9, r.completeness().getAsDouble(), 1e-9);
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
