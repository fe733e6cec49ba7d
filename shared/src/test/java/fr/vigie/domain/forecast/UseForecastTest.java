package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UseForecastTest {

    /** The use to come, day by day: the level plus the trend damped by 0.9 a day, added up day after day, never below 0. */
    @Test
    void theUseToComeIsTheLevelPlusTheTrendDampedDayAfterDay() {
        for (double[] levelAndTrend : new double[][]{{120, 7.5}, {120, -3.25}, {4, -2}, {0, 0}, {1e6, 1e4}}) {
            UseForecast use = new UseForecast(levelAndTrend[0], levelAndTrend[1], 10, false, false);
            double damped = 0;
            double factor = 1;
            assertEquals(levelAndTrend[0], use.at(0));
            for (int ahead = 1; ahead <= 1_000; ahead++) {
                factor *= 0.9;
                damped += factor;
                assertEquals(Math.max(0, levelAndTrend[0] + damped * levelAndTrend[1]), use.at(ahead), 0.0, "day " + ahead);
            }
        }
    }

    /**
     * Issue 19, eighth pass: in a wave turned, the use to come falls by the share the last week fell
     * by, compounded over the damped days: 100 falling by 12 a day is 100 × 0.88^(0.9 + 0.81 + …),
     * never 0, where the same fall taken as a number, 12 a day over about nine damped days, takes the
     * 100 away.
     */
    @Test
    void aTurnedWaveWanesByAShareNeverToNoUse() {
        UseForecast use = new UseForecast(100, -12, 10, true, false);
        double damped = 0;
        double factor = 1;
        for (int ahead = 1; ahead <= CoverageProjection.HORIZON_DAYS; ahead++) {
            factor *= 0.9;
            damped += factor;
            assertEquals(100 * Math.pow(0.88, damped), use.at(ahead), 1e-9, "day " + ahead);
            assertTrue(use.at(ahead) > 0 && use.at(ahead) < use.at(ahead - 1), "day " + ahead);
        }
        assertEquals(0, new UseForecast(100, -12, 10, false, false).at(CoverageProjection.HORIZON_DAYS),
                "the same fall as a number, in a wave not turned");
    }

    /**
     * Issue 19, eighth pass: 60 a day for a month, eleven days out of stock while the wave fell, then
     * 16 a day for a week. The fit starts again from the week of news: tomorrow is about 16, not the
     * fall from 60 to 16 carried on to nothing.
     */
    @Test
    void aWeekOutOfStockStartsTheFitAgain() {
        List<Snapshot> history = new ArrayList<>();
        long onHand = 1800;
        for (int day = 0; day < 48; day++) {
            long used = day < 30 ? 60 : day <= 40 ? 0 : 16;
            long received = day == 41 ? 400 : 0;
            onHand = day >= 30 && day <= 40 ? 0 : onHand + received - used;
            history.add(new Snapshot("CH-TEST-01", "NEB-MASK-PED", SimulatedHospital.at(day), onHand, used, received, 0L,
                    null));
        }
        UseForecast use = UseForecast.fit(history, ZoneOffset.UTC);

        assertEquals(16, use.at(1), 1.6, "tomorrow");
        assertEquals(16, use.at(14), 1.6, "in two weeks");
    }
}
