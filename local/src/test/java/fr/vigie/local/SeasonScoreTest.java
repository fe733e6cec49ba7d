package fr.vigie.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The backtest figures `./vigie replay` prints are the team scorer's (shared/tools/score.py), to the digit. */
class SeasonScoreTest {

    static final Path SEASON = ProjectRoot.find().resolve("../shared/samples/season-b").normalize();
    static final Path SCORER = ProjectRoot.find().resolve("../shared/tools/score.py").normalize();

    @Test
    void figuresMatchTheScorerForBaselineOracleAndAlerts(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(SCORER), "the team scorer is not beside this checkout");
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, String.join("\n",
                "{\"facilityId\":\"CHU-IDF-01\",\"deviceId\":\"HFNC-PED\",\"level\":\"WARNING\",\"at\":\"2025-11-20T05:00:00Z\"}",
                "{\"facilityId\":\"CHU-IDF-01\",\"deviceId\":\"HFNC-PED\",\"level\":\"CRITICAL\",\"at\":\"2025-11-28T05:00:00Z\"}",
                "{\"facilityId\":\"CHU-IDF-01\",\"deviceId\":\"HFNC-PED\",\"level\":\"RECOVERED\",\"at\":\"2025-12-20T05:00:00Z\"}",
                "{\"type\":\"SUPPLY_DISRUPTION\",\"deviceId\":\"FFP2\",\"status\":\"OPEN\",\"at\":\"2025-11-24T05:00:00Z\"}",
                "{\"facilityId\":\"CH-BRE-08\",\"deviceId\":\"FFP2\",\"level\":\"WARNING\",\"at\":\"2025-10-02T05:00:00Z\"}"));
        Process python = new ProcessBuilder("python3", SCORER.toString(), SEASON.toString(), alerts.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes());
        assumeTrue(python.waitFor() == 0, "python3 could not run the scorer: " + output);
        JsonNode expected = Json.MAPPER.readTree(output);

        SeasonScore score = SeasonScore.read(SEASON.resolve("truth.json"));
        Map<String, int[]> thresholds = new java.util.HashMap<>();
        Json.MAPPER.readTree(SEASON.resolve("watchlist.json").toFile()).forEach(d -> thresholds.put(d.get("deviceId").asText(),
                new int[]{d.get("thresholds").get("warningDays").asInt(), d.get("thresholds").get("criticalDays").asInt()}));
        assertSame(expected.get("baseline"), score.baseline(SEASON.resolve("feed.csv"), thresholds));
        assertSame(expected.get("oracle"), score.oracle());
        assertSame(expected.get("project"), score.project(alerts));
    }

    static void assertSame(JsonNode expected, SeasonScore.Figures actual) {
        assertEquals(expected.get("crises").asInt(), actual.crises());
        assertEquals(expected.get("recall7").asDouble(), actual.recall7());
        assertEquals(expected.get("lead_med").asDouble(), actual.leadMedian());
        assertEquals(expected.get("false_rate").asDouble(), actual.falseRate());
        assertEquals(expected.get("msgs").asDouble(), actual.msgs());
    }
}
