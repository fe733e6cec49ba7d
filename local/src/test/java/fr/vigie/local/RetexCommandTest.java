package fr.vigie.local;

import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static fr.vigie.local.ReplayCommandTest.SEASON_A;
import static fr.vigie.local.ReplayCommandTest.vigie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./vigie retex} after a replay of season A in which one hospital (CH-OCC-05) stops reporting
 * on 15 November, as a user runs them: files, counts, exit codes, the what-if and next season's list,
 * a watch-list imported afterwards, and the report in a browser.
 */
class RetexCommandTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final List<String> FILES = List.of("snapshots.csv", "alerts.csv", "disruptions.csv", "summary.csv", "facilities.csv",
            "summary-devices.csv", "summary-regions.csv", "whatif.csv", "recommendations.csv", "suppliers.csv", "report.html", "proposed-watchlist.json");
    /** The hospital that falls silent, and its first unknown day. */
    static final String SILENT = "CH-OCC-05";
    static final String SILENT_FROM = "2025-11-15";

    @TempDir
    static Path dir;
    static long stored;
    static Path out;
    static Path feed;
    static String retexErr;
    static String retexOut;

    @BeforeAll
    static void replayThenExportSeasonA() throws IOException {
        Path db = dir.resolve("db");
        feed = dir.resolve("feed.csv");
        List<String> rows = Files.readAllLines(SEASON_A.resolve("feed.csv"));
        Files.write(feed, rows.stream().filter(l -> !(l.contains("," + SILENT + ",") && l.compareTo(SILENT_FROM) >= 0)).toList());
        ReplayCommandTest.Run replay = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(),
                "--feed", feed.toString(), "--alerts", dir.resolve("alerts.jsonl").toString(),
                "--db", db.toString());
        assertEquals(0, replay.code(), replay.err());
        Matcher m = Pattern.compile("enregistrées\\s+(\\d+)").matcher(replay.out());
        assertTrue(m.find(), replay.out());
        stored = Long.parseLong(m.group(1));
        out = dir.resolve("retex");
        ReplayCommandTest.Run retex = vigie("retex", "--season", "2025-2026", "--out", out.toString(), "--db", db.toString());
        assertEquals(0, retex.code(), retex.err());
        retexErr = retex.err();
        retexOut = retex.out();
    }

    @Test
    void progressIsShownWhileTheWhatIfGridIsReplayedAndNoLogLineReachesTheConsole() {
        assertTrue(retexErr.contains("séries revues et rejouées sur la grille de seuils : 56/56"), retexErr);
        // the retex_summary log line goes to the log file (Main.LOG_FILE), not among the French lines
        assertTrue((retexOut + retexErr).lines().noneMatch(l -> l.startsWith("{")), retexOut + retexErr);
    }

    @Test
    void everyFileIsWrittenAndTheCsvFilesOpenInAFrenchSpreadsheet() throws IOException {
        for (String file : FILES) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        for (String file : FILES.stream().filter(f -> f.endsWith(".csv")).toList()) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(out.resolve(file)), 3);
            assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(head[0], head[1], head[2]), file + " starts with a UTF-8 BOM");
        }
        assertEquals("local_time;time_zone;facility_id;device_id;on_hand;consumed;received;on_order;expected_delivery;region;region_name;utc_time",
                lines("snapshots.csv").get(0));
        assertTrue(lines("snapshots.csv").get(1).startsWith("2025-09-01 07:00:00;Europe/Paris;"),
                "a date-time a French spreadsheet recognises, in the facility's calendar: " + lines("snapshots.csv").get(1));
        assertTrue(lines("alerts.csv").stream().skip(1).allMatch(l -> l.contains(";Europe/Paris;")), "one kind of row: facility alerts");
        assertTrue(lines("disruptions.csv").size() > 1, "the national disruptions have their own file");
        assertTrue(lines("summary-regions.csv").stream().anyMatch(l -> l.startsWith("\"53\";Bretagne;")), "region codes stay text, regions are named");
    }

    @Test
    void snapshotsCsvHasExactlyTheStoredSnapshots() throws IOException {
        assertEquals(stored, lines("snapshots.csv").size() - 1);
    }

    @Test
    void stockoutDaysOfTheSummaryMatchTheFeed() throws IOException {
        Map<String, Integer> expected = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> rows = Files.readAllLines(feed);
        for (String line : rows.subList(1, rows.size())) {
            String[] c = line.split(",", -1);
            String series = c[1] + "#" + c[2];
            expected.putIfAbsent(series, 0);
            if (seen.add(series + "#" + c[0]) && Long.parseLong(c[3]) == 0) {
                expected.merge(series, 1, Integer::sum);
            }
        }
        List<String> summary = lines("summary.csv");
        List<String> header = List.of(summary.get(0).split(";"));
        Map<String, Integer> actual = new HashMap<>();
        for (String line : summary.subList(1, summary.size())) {
            String[] c = line.split(";", -1);
            actual.put(c[header.indexOf("facility_id")] + "#" + c[header.indexOf("device_id")],
                    Integer.parseInt(c[header.indexOf("stockout_days")]));
        }
        assertEquals(expected, actual);
        assertTrue(expected.values().stream().mapToInt(Integer::intValue).sum() > 0, "season A has stock-outs");
    }

    @Test
    void aBadSeasonOrAMissingOptionExitsWith2() {
        for (String season : List.of("2025-2027", "2025", "saison")) {
            ReplayCommandTest.Run run = vigie("retex", "--season", season, "--out", dir.resolve("x").toString(), "--db", dir.resolve("db").toString());
            assertEquals(2, run.code(), season);
            assertTrue(run.err().contains("saison invalide"), run.err());
        }
        assertEquals(2, vigie("retex", "--season", "2025-2026").code());
        assertEquals(2, vigie("retex", "--season", "2025-2026", "--out", dir.resolve("x").toString(), "--db", dir.resolve("none").toString()).code());
    }

    @Test
    void aSeasonWithoutSnapshotsIsExportedEmptyAndSaysSo() throws IOException {
        Path empty = dir.resolve("retex-2024-2025");
        ReplayCommandTest.Run run = vigie("retex", "--season", "2024-2025", "--out", empty.toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("aucun relevé enregistré pour la saison 2024-2025"), run.err());
        assertEquals(1, Files.readAllLines(empty.resolve("snapshots.csv")).size(), "the header only");
    }

    @Test
    void theReportRendersInHeadlessChromiumWithItsCharts() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is needed to render report.html: /usr/bin/chromium is absent"
                + " (apt-get update && apt-get install -y chromium)");
        Path screenshot = dir.resolve("report.png");
        String url = out.resolve("report.html").toUri().toString();
        chromium("--screenshot=" + screenshot, "--window-size=1400,2000", url);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the report is taken");
        String dom = chromium("--dump-dom", url);
        assertTrue(dom.contains("<svg"), "the report's charts are inline SVG");
        assertTrue(dom.contains("Retour d'expérience — saison 2025-2026"), "the report is in French");
        for (String section : List.of("carte-tension", "etablissements", "simulation", "liste-prochaine-saison", "fournisseurs", "signaux")) {
            assertTrue(dom.contains("id=\"" + section + "\""), "the report has its section " + section);
        }
        assertTrue(dom.contains("(données inconnues depuis)") && dom.contains("class=\"out silent\""), "the silent hospital is shown as such");
        assertTrue(dom.contains("retours à la normale (non comptés en alertes)"), "alerts are split by level, recoveries apart");
        assertTrue(dom.contains("class=\"worst\""), "the worst facility is drawn beside the national median");
        assertTrue(dom.contains("class=\"cap\""), "capped curves are marked");
        assertTrue(dom.contains("établissement(s) sans relevé (inconnu)"), "unknown days are marked on the curves");
        assertTrue(dom.contains("class=\"rec-"), "next season's list has its rows");
    }

    @Test
    void recommendationsHaveARowPerDeviceWithTodaysAndTheProposedThresholds() throws IOException {
        List<Map<String, String>> rows = table("recommendations.csv");
        assertEquals(List.of("FFP2", "HFNC-PED", "NEB-MASK-PED", "NP-SWAB", "O2-MASK-AD", "SUCTION-CATH", "VENT-CIRCUIT"),
                rows.stream().map(r -> r.get("device_id")).toList());
        for (Map<String, String> r : rows) {
            for (String column : List.of("current_warning_days", "current_critical_days", "stockouts", "warned_7d_current",
                    "alert_days_current", "reason")) {
                assertTrue(!r.get(column).isEmpty(), column + " of " + r);
            }
            assertTrue(List.of("KEEP", "CHANGE", "SUPPLY", "DROP").contains(r.get("action")), r.toString());
            if (!r.get("action").equals("DROP")) {
                assertTrue(!r.get("proposed_warning_days").isEmpty() && !r.get("alert_days_proposed").isEmpty(), r.toString());
            }
        }
        assertTrue(rows.stream().mapToInt(r -> Integer.parseInt(r.get("stockouts"))).sum() > 0, "season A has stock-outs to warn");
    }

    @Test
    void theProposedListImportsAsAWatchlistWithTheProposedThresholds() throws IOException {
        Path list = out.resolve("proposed-watchlist.json");
        Map<String, WatchlistEntry> proposed = WatchlistJson.parseList(Files.readString(list)).entries().stream()
                .collect(Collectors.toMap(WatchlistEntry::deviceId, e -> e));
        for (Map<String, String> r : table("recommendations.csv")) {
            String prefix = r.get("action").equals("CHANGE") ? "proposed" : "current";
            assertEquals(r.get(prefix + "_warning_days") + "/" + r.get(prefix + "_critical_days"),
                    proposed.get(r.get("device_id")).thresholds().warningDays() + "/" + proposed.get(r.get("device_id")).thresholds().criticalDays(),
                    r.toString());
        }
        Path db = dir.resolve("db-proposed");
        ReplayCommandTest.Run imported = vigie("watchlist", "import", list.toString(), "--db", db.toString());
        assertEquals(0, imported.code(), imported.err() + imported.out());
        assertTrue(imported.out().contains("7 ajoutée(s)"), imported.out());
    }

    @Test
    void theWhatIfAtTodaysThresholdsSendsExactlyTheMessagesTheReplaySent() throws IOException {
        Map<String, Long> sent = table("alerts.csv").stream().collect(Collectors.groupingBy(r -> r.get("device_id"), Collectors.counting()));
        Map<String, Long> replayed = table("whatif.csv").stream().filter(r -> r.get("current").equals("1"))
                .collect(Collectors.toMap(r -> r.get("device_id"), r -> Long.parseLong(r.get("messages"))));
        assertEquals(sent, replayed, "the what-if runs the alerts' own evaluation, not a copy");
    }

    @Test
    void aHospitalSilentFromMidSeasonIsSilentInTheSummaryWithItsUnknownDays() throws IOException {
        List<Map<String, String>> silent = table("summary.csv").stream().filter(r -> r.get("facility_id").equals(SILENT)).toList();
        assertEquals(7, silent.size(), "a row per device of the silent hospital, its stock-outs before silence kept");
        for (Map<String, String> r : silent) {
            LocalDate last = LocalDate.parse(r.get("last_snapshot"));
            assertTrue(last.isBefore(LocalDate.parse(SILENT_FROM)), r.toString());
            assertEquals(last.plusDays(1).toString(), r.get("silent_since"), r.toString());
            assertTrue(Integer.parseInt(r.get("days_unknown")) > 100, "its days after silence are unknown, not fine: " + r);
        }
        assertTrue(table("summary.csv").stream().filter(r -> !r.get("facility_id").equals(SILENT)).allMatch(r -> r.get("silent_since").isEmpty()));
        Map<String, String> facility = table("facilities.csv").stream().filter(r -> r.get("facility_id").equals(SILENT)).findFirst().orElseThrow();
        assertTrue(facility.get("silent_since").compareTo("2025-11-10") > 0 && facility.get("silent_since").compareTo(SILENT_FROM) <= 0,
                facility.toString());
        assertTrue(Double.parseDouble(facility.get("completeness").replace(',', '.')) < 0.4, facility.toString());
    }

    @Test
    void importingAnotherWatchlistAfterwardsChangesNoFigureOfTheSeason() throws Exception {
        Path copy = dir.resolve("db-import");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("db").resolve(LocalDatabase.FILE), copy.resolve(LocalDatabase.FILE));
        String stricter = Files.readString(SEASON_A.resolve("watchlist.json"))
                .replaceAll("\"warningDays\": *\\d+", "\"warningDays\": 60").replaceAll("\"criticalDays\": *\\d+", "\"criticalDays\": 30");
        Path list = dir.resolve("stricter.json");
        Files.writeString(list, stricter);
        ReplayCommandTest.Run imported = vigie("watchlist", "import", list.toString(), "--db", copy.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("mise à jour"), imported.out());
        Path again = dir.resolve("retex-after-import");
        ReplayCommandTest.Run retex = vigie("retex", "--season", "2025-2026", "--out", again.toString(), "--db", copy.toString());
        assertEquals(0, retex.code(), retex.err());
        for (String file : List.of("summary.csv", "facilities.csv", "summary-devices.csv", "summary-regions.csv", "whatif.csv",
                "recommendations.csv", "suppliers.csv", "proposed-watchlist.json", "report.html")) {
            assertEquals(Files.readString(out.resolve(file)), Files.readString(again.resolve(file)), file + " is the season's, whatever came after");
        }
    }

    private static String chromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(dir.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s");
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.err")));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** The rows of a CSV file by column name (quotes of codes removed). */
    private static List<Map<String, String>> table(String file) throws IOException {
        List<String> lines = lines(file);
        String[] header = lines.get(0).split(";", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i].replaceAll("^\"([0-9]+)\"$", "$1"));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> lines(String file) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8);
        lines.set(0, lines.get(0).replace("\uFEFF", ""));
        return lines;
    }
}
