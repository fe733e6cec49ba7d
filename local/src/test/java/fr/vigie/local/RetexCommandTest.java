package fr.vigie.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import static fr.vigie.local.ReplayCommandTest.SEASON_A;
import static fr.vigie.local.ReplayCommandTest.vigie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code ./vigie retex} after a replay of season A, as a user runs them: files, counts, exit codes, and the report in a browser. */
class RetexCommandTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final List<String> FILES = List.of("snapshots.csv", "alerts.csv", "summary.csv", "summary-devices.csv",
            "summary-regions.csv", "report.html");

    @TempDir
    static Path dir;
    static long stored;
    static Path out;

    @BeforeAll
    static void replayThenExportSeasonA() {
        Path db = dir.resolve("db");
        ReplayCommandTest.Run replay = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(),
                "--feed", SEASON_A.resolve("feed.csv").toString(), "--alerts", dir.resolve("alerts.jsonl").toString(),
                "--db", db.toString());
        assertEquals(0, replay.code(), replay.err());
        Matcher m = Pattern.compile("enregistrées\\s+(\\d+)").matcher(replay.out());
        assertTrue(m.find(), replay.out());
        stored = Long.parseLong(m.group(1));
        out = dir.resolve("retex");
        ReplayCommandTest.Run retex = vigie("retex", "--season", "2025-2026", "--out", out.toString(), "--db", db.toString());
        assertEquals(0, retex.code(), retex.err());
        assertTrue(retex.err().contains("séries exportées"), "progress is shown on stderr: " + retex.err());
    }

    @Test
    void everyFileIsWrittenAndTheCsvFilesOpenInAFrenchSpreadsheet() throws IOException {
        for (String file : FILES) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        for (String file : FILES.subList(0, 5)) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(out.resolve(file)), 3);
            assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(head[0], head[1], head[2]), file + " starts with a UTF-8 BOM");
        }
        assertEquals("timestamp;facility_id;device_id;on_hand;consumed;received;on_order;expected_delivery;region;region_name",
                lines("snapshots.csv").get(0));
        assertTrue(lines("alerts.csv").stream().anyMatch(l -> l.startsWith("ALERT;")), "facility alerts are exported");
        assertTrue(lines("summary-regions.csv").stream().anyMatch(l -> l.contains(";Bretagne;")), "regions are named");
    }

    @Test
    void snapshotsCsvHasExactlyTheStoredSnapshots() throws IOException {
        assertEquals(stored, lines("snapshots.csv").size() - 1);
    }

    @Test
    void stockoutDaysOfTheSummaryMatchTheFeed() throws IOException {
        Map<String, Integer> expected = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> feed = Files.readAllLines(SEASON_A.resolve("feed.csv"));
        for (String line : feed.subList(1, feed.size())) {
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

    private static List<String> lines(String file) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8);
        lines.set(0, lines.get(0).replace("\uFEFF", ""));
        return lines;
    }
}
