package fr.vigie.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static fr.vigie.local.ReplayCommandTest.SEASON_A;
import static fr.vigie.local.ReplayCommandTest.vigie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22's done-when on sample season A, through {@code ./vigie} and its DynamoDB Local database:
 * CH-OCC-05's rows removed from 10 to 24 November 2025 (its NEB-MASK-PED alert open since 6 November),
 * the feed cut at 15 December to keep the test short.
 */
class SilentFacilityReplayTest {

    private static final String FACILITY = "CH-OCC-05";

    @Test
    void aHospitalFallingSilentRaisesOneStaleDataAndOneClosingEventAndItsOpenAlertStaysOpen(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.csv");
        try (Stream<String> rows = Files.lines(SEASON_A.resolve("feed.csv"))) {
            Files.write(feed, rows.filter(l -> l.startsWith("timestamp") || l.compareTo("2025-12-15") < 0)
                    .filter(l -> !(l.contains("," + FACILITY + ",") && l.compareTo("2025-11-10") >= 0 && l.compareTo("2025-11-25") < 0))
                    .toList());
        }
        Path alerts = dir.resolve("alerts.jsonl");
        Path db = dir.resolve("db");
        ReplayCommandTest.Run replay = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(),
                "--feed", feed.toString(), "--alerts", alerts.toString(), "--db", db.toString(), "--notices", "none");
        assertEquals(0, replay.code(), replay.err());

        List<String> lines = Files.readAllLines(alerts, StandardCharsets.UTF_8);
        List<String> facilityWide = lines.stream()
                .filter(l -> l.startsWith("{\"type\":\"STALE_DATA\",\"facilityId\":\"" + FACILITY + "\",\"status\"")).toList();
        assertEquals(List.of(
                "{\"type\":\"STALE_DATA\",\"facilityId\":\"CH-OCC-05\",\"status\":\"OPEN\",\"lastSeen\":\"2025-11-09T05:00:00Z\",\"at\":\"2025-11-11T05:00:00Z\"}",
                "{\"type\":\"STALE_DATA\",\"facilityId\":\"CH-OCC-05\",\"status\":\"CLOSED\",\"lastSeen\":\"2025-11-09T05:00:00Z\",\"at\":\"2025-11-25T05:00:00Z\"}"),
                facilityWide);
        assertTrue(replay.out().contains("CH-OCC-05 silencieux, dernière donnée le 09/11/2025"), replay.out());

        // the open alert is not closed by the silence: nothing of CH-OCC-05 NEB-MASK-PED between its opening and the return
        List<String> neb = lines.stream().filter(l -> l.contains("\"facilityId\":\"" + FACILITY + "\",\"deviceId\":\"NEB-MASK-PED\",\"level\"")).toList();
        assertTrue(neb.stream().anyMatch(l -> l.contains("\"level\":\"WARNING\"") && l.contains("\"at\":\"2025-11-06")), neb.toString());
        assertTrue(neb.stream().noneMatch(l -> l.contains("\"level\":\"RECOVERED\"") && between(l, "2025-11-06", "2025-11-25")),
                neb.toString());

        ReplayCommandTest.Run retex = vigie("retex", "--season", "2025-2026", "--out", dir.resolve("retex").toString(), "--db", db.toString());
        assertEquals(0, retex.code(), retex.err());
        String silences = Files.readString(dir.resolve("retex").resolve("silences.csv"), StandardCharsets.UTF_8);
        // the gap: last snapshot, noticed, back, 15 days without data (10 to 24 November)
        assertTrue(silences.lines().anyMatch(l -> l.startsWith(FACILITY + ";") && l.endsWith(";;2025-11-09;2025-11-11;2025-11-25;15")),
                silences);
    }

    private static boolean between(String line, String from, String to) {
        String at = line.replaceAll(".*\"at\":\"([^\"]+)\".*", "$1");
        return at.compareTo(from) >= 0 && at.compareTo(to) < 0;
    }
}
