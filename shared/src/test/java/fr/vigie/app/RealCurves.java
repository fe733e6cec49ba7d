package fr.vigie.app;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real epidemic curves for {@link HarderSeason.Shape#REAL_DATA}: the weekly influenza cases notified in the
 * regions of Bavaria and Baden-Württemberg, seasons 2001-02 to 2007-08 (resource
 * {@code influenza-bybw-2001-2008.csv}: the data set {@code fluBYBW} of the R package {@code surveillance},
 * from the Robert Koch-Institut's SurvStat), each region-season scaled to 1 at its peak week.
 */
final class RealCurves {

    /** One array a region-season: the week's cases over the peak week's, weeks from late August. */
    static final List<double[]> ALL = load();

    private RealCurves() {
    }

    /**
     * The curve's intensity on a day, {@code fromPeak} days after the middle of its peak week: each week's
     * value stands at the week's middle (Thursday) and days between are interpolated linearly; 0 outside.
     */
    static double daily(double[] curve, int fromPeak) {
        int peakWeek = 0;
        for (int i = 1; i < curve.length; i++) {
            if (curve[i] > curve[peakWeek]) {
                peakWeek = i;
            }
        }
        double week = peakWeek + fromPeak / 7.0;
        int before = (int) Math.floor(week);
        if (before < 0 || before + 1 >= curve.length) {
            return 0;
        }
        double t = week - before;
        return curve[before] * (1 - t) + curve[before + 1] * t;
    }

    private static List<double[]> load() {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.ALLOW_COMMENTS);
        Map<String, List<Double>> byCurve = new LinkedHashMap<>();
        try (InputStream in = RealCurves.class.getResourceAsStream("influenza-bybw-2001-2008.csv");
             MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                byCurve.computeIfAbsent(row.get("curve"), c -> new ArrayList<>()).add(Double.parseDouble(row.get("cases")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<double[]> curves = new ArrayList<>();
        for (List<Double> cases : byCurve.values()) {
            double peak = cases.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            curves.add(cases.stream().mapToDouble(c -> c / peak).toArray());
        }
        return List.copyOf(curves);
    }
}
