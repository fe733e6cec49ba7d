package fr.vigie.local;

import fr.vigie.domain.RejectedRow.RejectCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static fr.vigie.local.ReplayCommandTest.SEASON_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, "done when": {@code ./vigie replay} on a copy of sample season a with 2 % corrupt rows
 * (bad timestamps, missing columns, negative stock, unknown device, absurd numbers, a UTF-8 BOM and
 * CRLF line ends), {@code truth.json} beside it, exits 0, names every bad line with its reason, and
 * writes the same alerts as the clean feed.
 */
class CorruptSeasonReplayTest {

    /** How each kind of damage turns a good row into a bad one, and the reason it must be refused with. */
    record Damage(RejectCode code, java.util.function.UnaryOperator<String[]> spoil) {
    }

    static final List<Damage> DAMAGE = List.of(
            new Damage(RejectCode.INVALID_TIMESTAMP, f -> set(f, 0, f[0].substring(0, 10).replace('-', '/'))),
            new Damage(RejectCode.TIMESTAMP_OUT_OF_RANGE, f -> set(f, 0, "2099" + f[0].substring(4))),
            new Damage(RejectCode.TIMESTAMP_OUT_OF_RANGE, f -> set(f, 0, "1970" + f[0].substring(4))),
            new Damage(RejectCode.TIMESTAMP_OUT_OF_RANGE, f -> set(f, 0, "+10000" + f[0].substring(4))),
            new Damage(RejectCode.MISSING_COLUMN, f -> java.util.Arrays.copyOf(f, 4)),
            new Damage(RejectCode.NEGATIVE_VALUE, f -> set(f, 3, "-" + f[3])),
            new Damage(RejectCode.UNKNOWN_DEVICE, f -> set(f, 2, "GANTS-NITRILE")),
            new Damage(RejectCode.ABSURD_NUMBER, f -> set(f, 4, "900000000000")),
            new Damage(RejectCode.INVALID_NUMBER, f -> set(f, 3, f[3] + ".0")),
            new Damage(RejectCode.TOO_MANY_FIELDS, f -> set(f, 3, "1," + f[3])),
            new Damage(RejectCode.INVALID_IDENTIFIER, f -> set(f, 1, "=HYPERLINK(1)")));

    static String[] set(String[] fields, int at, String value) {
        String[] copy = fields.clone();
        copy[at] = value;
        return copy;
    }

    @Test
    void aSeasonWithTwoPercentCorruptRowsGivesTheCleanAlertsAndNamesEveryBadLine(@TempDir Path dir) throws Exception {
        Path clean = copySeason(dir.resolve("clean"));
        Path corrupt = copySeason(dir.resolve("corrupt"));
        List<String> lines = Files.readAllLines(SEASON_A.resolve("feed.csv"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        out.add("\uFEFF" + lines.get(0));
        Map<Long, RejectCode> expected = new LinkedHashMap<>();
        Random random = new Random(16);
        for (String row : lines.subList(1, lines.size())) {
            out.add(row);
            if (out.size() > 20 && random.nextInt(50) == 0) { // 2 %, after the feed's clock has started
                Damage d = DAMAGE.get(expected.size() % DAMAGE.size());
                out.add(String.join(",", d.spoil().apply(row.split(",", -1))));
                expected.put((long) out.size(), d.code());
            }
        }
        Files.writeString(clean.resolve("feed.csv"), String.join("\n", lines) + "\n");
        Files.writeString(corrupt.resolve("feed.csv"), String.join("\r\n", out) + "\r\n");
        assertTrue(expected.size() > lines.size() / 60, "about 2 % of rows damaged: " + expected.size());

        FieldCases.Replayed reference = FieldCases.replayFile(clean.resolve("watchlist.json"), clean.resolve("feed.csv"), clean.resolve("run"));
        FieldCases.Replayed damaged = FieldCases.replayFile(corrupt.resolve("watchlist.json"), corrupt.resolve("feed.csv"), corrupt.resolve("run"));

        assertEquals(0, damaged.code(), damaged.err());
        assertFalse(reference.alerts().isEmpty());
        assertEquals(Files.readAllLines(clean.resolve("run/alerts.jsonl")), Files.readAllLines(corrupt.resolve("run/alerts.jsonl")));
        // every bad line is named with its code in the JSON summary; the console shows the first ones and counts the others
        Map<Long, String> named = new java.util.HashMap<>();
        fr.vigie.adapter.feed.Json.MAPPER.readTree(corrupt.resolve("run/alerts.summary.json").toFile()).get("rejectedRows")
                .forEach(r -> named.put(r.get("line").asLong(), r.get("code").asText()));
        for (Map.Entry<Long, RejectCode> bad : expected.entrySet()) {
            assertEquals(bad.getValue().name(), named.get(bad.getKey()), "line " + bad.getKey() + " not named in the summary");
        }
        List<Long> first = expected.keySet().stream().sorted().limit(ReplayCommand.SHOWN).toList();
        for (long line : first) {
            assertTrue(damaged.out().matches("(?s).*\n  ligne " + line + " : [^\n]*\\[" + expected.get(line) + "]\n.*"),
                    "line " + line + " " + expected.get(line) + " not printed:\n" + damaged.out());
        }
        assertEquals(ReplayCommand.SHOWN, damaged.out().lines().filter(l -> l.matches("  ligne \\d+ : .*\\[[A-Z_]+]")).count(), damaged.out());
        assertTrue(damaged.out().contains("  … et " + (expected.size() - ReplayCommand.SHOWN) + " autres lignes refusées"), damaged.out());
        assertTrue(damaged.out().contains("rejetées        " + String.format("%8d", expected.size())), damaged.out());
        assertTrue(damaged.out().contains("Rétro-évaluation sur la vérité terrain"), "the backtest ran: " + damaged.out());
    }

    /** The sample season's watch-list and truth in a folder of their own (the feed is written by the test). */
    static Path copySeason(Path to) throws Exception {
        Files.createDirectories(to);
        Files.copy(SEASON_A.resolve("watchlist.json"), to.resolve("watchlist.json"));
        Files.copy(SEASON_A.resolve("truth.json"), to.resolve("truth.json"));
        return to;
    }
}
