package fr.vigie.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/results.json}: the figures issue 18 is judged on, from one run. Each part of the bench
 * sets its own keys and keeps the others' (the file is read, updated and written back).
 */
final class Results {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {
    }

    /**
     * The data model's figures: {@code wcuPerSnapshot}, {@code rruPerSnapshotHourly} (hourly feed,
     * functions' composition), {@code franceMonthlyEur} (without SMS), {@code replayVsEngineRatio}
     * (season-a replayed into an on-disk database / the same items batch-written into memory) and
     * {@code ingestVsPutItemRatio} (one PutItem per snapshot / this ingestion, hourly feed). A quick run writes nothing.
     */
    static void scale(Path root, boolean quick, Cost cost, ReplayBench.Result replay, ReplayBench.Result hourly) throws IOException {
        if (quick) {
            return;
        }
        Path file = root.resolve("bench/results.json");
        ObjectNode results = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        results.put("wcuPerSnapshot", round(cost.wcuPerSnapshot, 4));
        results.put("rruPerSnapshotHourly", round(cost.rruPerSnapshot, 4));
        results.put("franceMonthlyEur", round(cost.eur(), 2));
        results.put("replayVsEngineRatio", round(replay.seconds() / replay.batchWriteSeconds(), 2));
        results.put("ingestVsPutItemRatio", round(hourly.putPerSnapshotSeconds() / hourly.ingestSeconds(), 2));
        Files.writeString(file, JSON.writeValueAsString(results) + "\n");
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
