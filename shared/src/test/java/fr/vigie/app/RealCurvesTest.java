package fr.vigie.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real influenza curves behind {@link HarderSeason.Shape#REAL_DATA}, and the wave height of the generated seasons. */
class RealCurvesTest {

    @Test
    void eachRegionSeasonPeaksAtOneInTheMiddleOfItsPeakWeekAndIsLinearBetweenWeeks() {
        assertEquals(48, RealCurves.ALL.size(), "every region-season of the resource whose peak week reaches 40 cases");
        for (double[] curve : RealCurves.ALL) {
            assertEquals(1.0, RealCurves.daily(curve, 0));
            double before = RealCurves.daily(curve, -7);
            double after = RealCurves.daily(curve, 7);
            assertTrue(before <= 1 && after <= 1 && before >= 0 && after >= 0);
            assertEquals(before + (1 - before) * 4 / 7.0, RealCurves.daily(curve, -3), 1e-12, "4 days of 7 from the week before to the peak");
            assertEquals(0.0, RealCurves.daily(curve, -7 * curve.length), "before its first week: out of season");
        }
    }

    @Test
    void atHalfHeightARealDataSeasonsPeaksComeNearTheSamplesRatioToTheirQuietWeeks(@TempDir Path dir) throws IOException {
        double samples = medianPeakRatio(SampleSeason.SAMPLES.resolve("season-a/truth.json"));
        HarderSeason.write(HarderSeason.Shape.REAL_DATA, 1, dir.resolve("half"), 0.5);
        HarderSeason.write(HarderSeason.Shape.REAL_DATA, 1, dir.resolve("full"), 1);
        double half = medianPeakRatio(dir.resolve("half/truth.json"));
        double full = medianPeakRatio(dir.resolve("full/truth.json"));
        assertTrue(full > 1.4 * half, "full height " + full + " vs half " + half);
        assertTrue(Math.abs(Math.log(half / samples)) < Math.abs(Math.log(full / samples)),
                "half height " + half + " nearer the samples' " + samples + " than full height " + full);
    }

    /** Per series, the busiest week's mean use over its quiet weeks' (the median of its lowest quarter of weeks); the median of those. */
    private static double medianPeakRatio(Path truth) throws IOException {
        List<Double> ratios = new ArrayList<>();
        for (JsonNode series : new ObjectMapper().readTree(truth.toFile()).get("series")) {
            List<Double> weeks = new ArrayList<>();
            JsonNode demand = series.get("demand");
            for (int d = 0; d + 7 <= demand.size(); d += 7) {
                double sum = 0;
                for (int k = d; k < d + 7; k++) {
                    sum += demand.get(k).asDouble();
                }
                weeks.add(sum / 7);
            }
            List<Double> sorted = weeks.stream().sorted().toList();
            double quiet = sorted.get(sorted.size() / 8);
            ratios.add(sorted.get(sorted.size() - 1) / Math.max(quiet, 0.1));
        }
        return ratios.stream().sorted().toList().get(ratios.size() / 2);
    }
}
