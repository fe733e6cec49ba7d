package fr.vigie.domain.forecast;

import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.epidemic.EpidemicWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The epidemic hint: read as of a day from what was published by then, and how it leads the use forecast. */
class EpidemicTrendTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate W45 = LocalDate.of(2025, 11, 3);

    private static EpidemicWeek week(Epidemic e, LocalDate monday, double intensity) {
        return new EpidemicWeek("11", e, monday, intensity, monday.plusDays(EpidemicWeek.DEFAULT_PUBLICATION_DELAY_DAYS));
    }

    @Test
    void theHintIsTheLastTwoPublishedWeeksSummedOverTheEpidemicsNeverAWeekNotYetPublished() {
        List<EpidemicWeek> weeks = List.of(week(Epidemic.FLU, W45, 2), week(Epidemic.FLU, W45.plusWeeks(1), 5),
                week(Epidemic.BRONCHIOLITIS, W45, 4), week(Epidemic.BRONCHIOLITIS, W45.plusWeeks(1), 8),
                week(Epidemic.FLU, W45.plusWeeks(2), 40));
        // on 20/11 week 46 is out (published 19/11), week 47 not yet: (5 + 8 + 1) / (2 + 4 + 1)
        assertEquals(2.0, EpidemicTrend.read(weeks, LocalDate.of(2025, 11, 20)).weeklyRatio(), 1e-9);
        // on 18/11 only week 45 is out: no week before it, no hint
        assertSame(EpidemicTrend.NONE, EpidemicTrend.read(weeks, LocalDate.of(2025, 11, 18)));
        // a week revised later counts from its revision day only
        List<EpidemicWeek> revised = new ArrayList<>(weeks);
        revised.add(new EpidemicWeek("11", Epidemic.FLU, W45.plusWeeks(1), 2, LocalDate.of(2025, 11, 21)));
        assertEquals(2.0, EpidemicTrend.read(revised, LocalDate.of(2025, 11, 20)).weeklyRatio(), 1e-9);
        assertEquals(11.0 / 7, EpidemicTrend.read(revised, LocalDate.of(2025, 11, 21)).weeklyRatio(), 1e-9);
        // a signal whose last week ended more than two weeks ago says nothing
        assertSame(EpidemicTrend.NONE, EpidemicTrend.read(weeks.subList(0, 4), LocalDate.of(2025, 12, 2)));
        assertSame(EpidemicTrend.NONE, EpidemicTrend.read(List.of(), LocalDate.of(2025, 12, 2)));
    }

    @Test
    void aFallingSignalLowersTheUseToComeARisingOneNoneOrNoiseChangeNothing() {
        UseForecast fitted = new UseForecast(100, 1, 10, false, false, false);
        UseForecast falling = new EpidemicTrend(0.6).lead(fitted);
        assertEquals(100 * (Math.pow(0.6, 1.0 / 7) - 1), falling.trend(), 1e-9);
        assertTrue(falling.at(7) < fitted.at(7) - 30, falling + " vs " + fitted);
        // bounded: the damped trend levels the projection off above nothing
        assertTrue(falling.at(120) > 10, falling.toString());
        // a rising signal was measured to buy no crisis and a third more false alarms: the forecast stays as fitted
        assertSame(fitted, new EpidemicTrend(1.8).lead(fitted));
        assertSame(fitted, EpidemicTrend.NONE.lead(fitted));
        assertSame(fitted, new EpidemicTrend(0.9).lead(fitted));
        // a fitted trend already falling faster than the signal is kept
        UseForecast steep = new UseForecast(100, -20, 10, false, false, false);
        assertSame(steep, new EpidemicTrend(0.7).lead(steep));
    }

    @Test
    void theEvaluationWithAFallingSignalProjectsLessUseAndMoreCoverageAndWithoutOneIsUnchanged() {
        // steady use, the one delivery on order overdue: the coverage is the shelf's
        List<Snapshot> history = new ArrayList<>();
        for (int d = 0; d < 28; d++) {
            history.add(new Snapshot("CHU-IDF-01", "HFNC-PED", LocalDate.of(2025, 11, 1).plusDays(d).atTime(5, 0).toInstant(ZoneOffset.UTC),
                    4000 - 100L * d, 100L, 0L, 1000L, LocalDate.of(2025, 11, 5)));
        }
        SeriesEvaluator evaluator = new SeriesEvaluator();
        Assessment without = evaluator.assess(history, SupplyOutlook.NORMAL, PARIS);
        assertEquals(without, evaluator.assess(history, SupplyOutlook.NORMAL, PARIS, EpidemicTrend.NONE));
        assertEquals(without, evaluator.assess(history, SupplyOutlook.NORMAL, PARIS, new EpidemicTrend(1.8)));
        Assessment led = evaluator.assess(history, SupplyOutlook.NORMAL, PARIS, new EpidemicTrend(0.6));
        assertTrue(led.dailyUseForecast() < without.dailyUseForecast() - 20, led + " vs " + without);
        assertTrue(led.coverageDays() > without.coverageDays() + 5, led + " vs " + without);
    }
}
