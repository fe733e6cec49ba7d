package fr.vigie.domain.forecast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
