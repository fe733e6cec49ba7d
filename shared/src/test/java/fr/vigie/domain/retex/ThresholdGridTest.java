package fr.vigie.domain.retex;

import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.domain.forecast.SupplyOutlook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The what-if on small seasons replayed through the alerts' own evaluator. */
class ThresholdGridTest {

    static final Season SEASON = new Season(2025);
    static final Instant DAY0 = Instant.parse("2025-10-01T05:00:00Z");
    static final Thresholds TODAY = new Thresholds(14, 7);
    static final WatchlistEntry ENTRY = new WatchlistEntry("FFP2", "FFP2", Set.of(Epidemic.FLU), "piece", null, List.of(),
            new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), TODAY, true);
    static final SeriesEvaluator EVALUATOR = new SeriesEvaluator();

    /** One series whose stock is given day by day, at 10 used a day, replayed under the grid. */
    static ThresholdGrid replay(long... stock) {
        ThresholdGrid grid = new ThresholdGrid(TODAY, EVALUATOR);
        ThresholdGrid.Series series = grid.series();
        List<Snapshot> history = new ArrayList<>();
        for (int d = 0; d < stock.length; d++) {
            Snapshot s = new Snapshot("CH-1", "FFP2", DAY0.plus(Duration.ofDays(d)), stock[d], 10L, null, null, null);
            history.add(s);
            Assessment a = EVALUATOR.assess(List.copyOf(history), SupplyOutlook.NORMAL, ZoneOffset.UTC);
            series.add(SEASON.dayIndex(s.timestamp(), ZoneOffset.UTC), s, a, ENTRY, true, ZoneOffset.UTC);
        }
        series.finish();
        return grid;
    }

    static long[] declining(int days, long start, long perDay) {
        long[] stock = new long[days];
        for (int d = 0; d < days; d++) {
            stock[d] = Math.max(0, start - perDay * d);
        }
        return stock;
    }

    @Test
    void theGridSurroundsTodaysThresholdsWithCriticalUnderWarning() {
        ThresholdGrid grid = new ThresholdGrid(TODAY, EVALUATOR);
        List<Thresholds> points = grid.points().stream().map(ThresholdGrid.Point::thresholds).toList();
        assertTrue(points.contains(TODAY));
        assertTrue(points.contains(new Thresholds(28, 4)) && points.contains(new Thresholds(11, 7)), points.toString());
        assertTrue(points.stream().allMatch(t -> t.criticalDays() < t.warningDays()));
    }

    @Test
    void aSlowDeclineIsWarnedAndTheQuietestThresholdsThatWarnItAreProposed() {
        ThresholdGrid grid = replay(declining(45, 400, 10));
        ThresholdGrid.Proposal p = grid.propose();
        assertEquals(1, p.current().crises(), "one stock-out, on day 40");
        assertTrue(p.current().warnsEveryCrisis(), "14 days of warning see it coming: " + p.current());
        assertTrue(p.proposed().warnsEveryCrisis());
        int fewest = grid.points().stream().filter(ThresholdGrid.Point::warnsEveryCrisis).mapToInt(ThresholdGrid.Point::alertDays).min().orElseThrow();
        assertEquals(fewest, p.proposed().alertDays());
        assertTrue(p.verdict() == ThresholdGrid.Verdict.KEEP || p.verdict() == ThresholdGrid.Verdict.CHANGE, p.toString());
        assertTrue(p.current().messages() > 0 && p.current().alertDays() > 0);
    }

    @Test
    void aStockLostOvernightIsASupplyProblemNoThresholdWarns() {
        long[] stock = new long[40];
        for (int d = 0; d < 40; d++) {
            stock[d] = d < 30 ? 2000 : 0;
        }
        ThresholdGrid.Proposal p = replay(stock).propose();
        assertEquals(ThresholdGrid.Verdict.SUPPLY, p.verdict(), p.toString());
        assertEquals(TODAY, p.proposed().thresholds(), "today's thresholds are kept");
        assertEquals(0, p.best().warned());
    }

    @Test
    void aSeasonWithoutStockOutGivesNoReasonToChange() {
        ThresholdGrid.Proposal p = replay(declining(30, 3000, 10)).propose();
        assertEquals(ThresholdGrid.Verdict.NO_STOCKOUT, p.verdict());
        assertEquals(TODAY, p.proposed().thresholds());
    }
}
