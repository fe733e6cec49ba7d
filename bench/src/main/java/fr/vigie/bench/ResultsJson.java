package fr.vigie.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** bench/results.json, one JSON object of the run's figures: each part of the bench sets its own keys and keeps the others'. */
final class ResultsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /** Sets {@code figures} in {@code file} (created if absent), leaving its other keys as they are. */
    static void merge(Path file, Map<String, Object> figures) throws IOException {
        ObjectNode json = Files.exists(file) ? (ObjectNode) MAPPER.readTree(file.toFile()) : MAPPER.createObjectNode();
        figures.forEach((key, value) -> json.set(key, MAPPER.valueToTree(value)));
        Files.writeString(file, MAPPER.writeValueAsString(json) + "\n");
    }
}
