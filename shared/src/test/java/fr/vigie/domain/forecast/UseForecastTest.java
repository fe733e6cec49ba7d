package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UseForecastTest {

    /** A use rising or flat, day by day: the level plus the trend damped by 0.9 a day, added up day after day. */
    @Test
    void aRisingUseIsTheLevelPlusTheTrendDampedDayAfterDay() {
        for (double[] levelAndTrend : new double[][]{{120, 7.5}, {0, 0}, {1e6, 1e4}, {0, 3}}) {
            UseForecast use = new UseForecast(levelAndTrend[0], levelAndTrend[1], 10, false, false, false);
            double damped = 0;
            double factor = 1;
            assertEquals(levelAndTrend[0], use.at(0));
            for (int ahead = 1; ahead <= 1_000; ahead++) {
                factor *= 0.9;
                damped += factor;
                assertEquals(levelAndTrend[0] + damped * levelAndTrend[1], use.at(ahead), 0.0, "day " + ahead);
            }
        }
    }

    /**
     * Issue 19, eleventh pass: a failing supplier is planned for at half a spread above the forecast,
     * and a rising trend undamped: 100 a day rising 5 a day, spread 10, plans 100 + 5 × 14 + 5 = 175
     * on the 14th day, where the damped forecast says about 134.7. A flat or falling use only gets the
     * half spread; a turned wave and a supplier delivering get the forecast itself.
     */
    @Test
    void aFailingSupplyPlansTheRiseUndampedAndHalfASpreadBusier() {
        UseForecast rising = new UseForecast(100, 5, 10, false, false, false);
        for (int ahead : new int[]{1, 7, 14, 60}) {
            assertEquals(100 + 5.0 * ahead + 5, rising.planned(ahead, true), 1e-9, "day " + ahead);
            assertEquals(rising.at(ahead), rising.planned(ahead, false), 0.0, "day " + ahead);
        }
        assertTrue(rising.planned(14, true) > rising.at(14) + 35, "the damped forecast carries about 7 days of the trend by day 14");
        UseForecast falling = new UseForecast(100, 100 * Math.log(0.9), 10, false, false, false);
        assertEquals(falling.at(14) + 5, falling.planned(14, true), 1e-9);
        UseForecast turned = new UseForecast(100, 100 * Math.log(0.9), 10, true, false, false);
        assertEquals(turned.at(14), turned.planned(14, true), 0.0);
    }

    /**
     * Issue 19, eighth pass: a falling use wanes by a share, turned or not: 100 with a trend of
     * 100 × ln 0.88 is 100 × 0.88^(0.9 + 0.81 + …), never 0, where the same fall taken as a number
     * (about 12.8 a day over about nine damped days) took the 100 away; a fall steeper than the level
     * itself in a day still leaves a use.
     */
    @Test
    void aFallingUseWanesByAShareNeverToNoUse() {
        for (boolean turned : new boolean[]{true, false}) {
            UseForecast use = new UseForecast(100, 100 * Math.log(0.88), 10, turned, false, false);
            double damped = 0;
            double factor = 1;
            for (int ahead = 1; ahead <= CoverageProjection.HORIZON_DAYS; ahead++) {
                factor *= 0.9;
                damped += factor;
                assertEquals(100 * Math.pow(0.88, damped), use.at(ahead), 1e-9, "day " + ahead);
                assertTrue(use.at(ahead) > 0 && use.at(ahead) < use.at(ahead - 1), "day " + ahead);
            }
        }
        assertTrue(new UseForecast(4, -6, 1, false, false, false).at(CoverageProjection.HORIZON_DAYS) > 0);
    }

    /**
     * Issue 19, eighth pass, and its review: 60 a day for a month, eleven days out of stock while the
     * wave fell, then 16 a day for a week. The fit starts again at the week of news with the change
     * per day over the gap as its trend, by shares: the forecast starts near 16 and levels off above 0,
     * where smoothing the jump from 60 read a fall to no use at all. The use it held through the gap
     * is not stale any more once a week's mean is seen again.
     */
    @Test
    void aWeekOutOfStockStartsTheFitAgainFromTheWeekOfNews() {
        UseForecast use = UseForecast.fit(outOfStock(60, 16, 48), ZoneOffset.UTC);

        assertTrue(use.at(1) > 8 && use.at(1) <= 16, "tomorrow " + use.at(1));
        assertTrue(use.at(CoverageProjection.HORIZON_DAYS) > 1, "at the horizon " + use.at(CoverageProjection.HORIZON_DAYS));
        assertFalse(use.stale());
        assertTrue(UseForecast.fit(outOfStock(60, 16, 43), ZoneOffset.UTC).stale(), "two days of news: no weekly mean yet");
    }

    /**
     * Issue 19, eighth pass, review: the same gap in a wave rising (60 a day before, 90 after) keeps
     * rising: the gap's own change per day is the trend, not a flat start from the new level.
     */
    @Test
    void aRiseAcrossAStockOutIsKept() {
        UseForecast use = UseForecast.fit(outOfStock(60, 90, 48), ZoneOffset.UTC);

        assertTrue(use.trend() > 0, use.toString());
        assertTrue(use.at(14) > 90, "in two weeks " + use.at(14));
    }

    /** {@code before} a day for 30 days, out of stock for 11 (days 30–40), then {@code after} a day; {@code days} daily snapshots. */
    private static List<Snapshot> outOfStock(long before, long after, int days) {
        List<Snapshot> history = new ArrayList<>();
        long onHand = 1800;
        for (int day = 0; day < days; day++) {
            long used = day < 30 ? before : day <= 40 ? 0 : after;
            long received = day == 41 ? 20 * after : 0;
            onHand = day >= 30 && day <= 40 ? 0 : onHand + received - used;
            history.add(new Snapshot("CH-TEST-01", "NEB-MASK-PED", SimulatedHospital.at(day), onHand, used, received, 0L,
                    null));
        }
        return history;
    }
}
