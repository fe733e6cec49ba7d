package fr.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The generated inputs of the bench: the national-size day, its watch-list, and the multiplied season. */
public final class Feeds {

    public static final String HEADER = "timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery";

    private Feeds() {
    }

    /**
     * A watch-list of {@code devices} entries made from the sample's: entry {@code i} is a copy of
     * sample entry {@code i mod n}, its id suffixed {@code -N{i / n}} (the first n keep their ids).
     */
    public static String widenWatchlist(String sampleJson, int devices) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode sample = mapper.readTree(sampleJson);
        ArrayNode out = mapper.createArrayNode();
        for (int i = 0; i < devices; i++) {
            ObjectNode entry = ((ObjectNode) sample.get(i % sample.size())).deepCopy();
            if (i >= sample.size()) {
                entry.put("deviceId", entry.get("deviceId").asText() + "-N" + (i / sample.size()));
            }
            out.add(entry);
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    /** Device ids of a watch-list file, in order. */
    public static List<String> deviceIds(String watchlistJson) throws IOException {
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(watchlistJson).forEach(e -> ids.add(e.get("deviceId").asText()));
        return ids;
    }

    /**
     * One poll of France: every facility reports every device once at {@code at}. Stocks are drawn
     * so that about one series in eight is under two weeks of cover (a seeded draw: the same bytes
     * every run). Facility ids are {@code FR-0001}...; LF line ends.
     */
    public static String nationalDay(int facilities, List<String> devices, Instant at, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(facilities * devices.size() * 64);
        csv.append(HEADER).append('\n');
        LocalDate delivery = LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).plusDays(5);
        for (int f = 1; f <= facilities; f++) {
            String facility = String.format("FR-%04d", f);
            for (String device : devices) {
                int consumed = 5 + random.nextInt(200);
                int days = random.nextInt(8) == 0 ? 1 + random.nextInt(13) : 14 + random.nextInt(60);
                int onHand = consumed * days;
                boolean ordered = random.nextInt(3) == 0;
                csv.append(at).append(',').append(facility).append(',').append(device).append(',')
                        .append(onHand).append(',').append(consumed).append(",0,")
                        .append(ordered ? consumed * 10 : 0).append(',')
                        .append(ordered ? delivery.toString() : "").append('\n');
            }
        }
        return csv.toString();
    }

    /**
     * Hourly polling of {@code facilities} facilities for {@code days} days from {@code start}: every
     * device of every facility read each hour, its stock going down by a seeded hourly use (a 24th to a
     * 12th of a day's), refilled at 09:00 UTC by two weeks of use when it would fall under 25 days of
     * cover — under a week for one series in twenty, which then crosses the thresholds as season-a's
     * tense series do (the same bytes every run). Facility ids are {@code FH-0001}...; LF line ends.
     */
    public static String hourly(int facilities, List<String> devices, int days, Instant start, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(facilities * devices.size() * days * 24 * 48);
        csv.append(HEADER).append('\n');
        long[][] stock = new long[facilities][devices.size()];
        int[][] daily = new int[facilities][devices.size()];
        int[][] floor = new int[facilities][devices.size()];
        for (int f = 0; f < facilities; f++) {
            for (int d = 0; d < devices.size(); d++) {
                daily[f][d] = 24 + random.nextInt(480);
                floor[f][d] = random.nextInt(20) == 0 ? 7 : 25;
                stock[f][d] = (long) daily[f][d] * (floor[f][d] + random.nextInt(15));
            }
        }
        for (int hour = 0; hour < days * 24; hour++) {
            Instant at = start.plusSeconds(3600L * hour);
            for (int f = 0; f < facilities; f++) {
                String facility = String.format("FH-%04d", f + 1);
                for (int d = 0; d < devices.size(); d++) {
                    long used = Math.min(stock[f][d], daily[f][d] / 24 + random.nextInt(1 + daily[f][d] / 24));
                    long received = hour % 24 == 9 && stock[f][d] - used < (long) floor[f][d] * daily[f][d] ? 14L * daily[f][d] : 0;
                    stock[f][d] += received - used;
                    csv.append(at).append(',').append(facility).append(',').append(devices.get(d)).append(',')
                            .append(stock[f][d]).append(',').append(used).append(',').append(received).append(",0,\n");
                }
            }
        }
        return csv.toString();
    }

    /**
     * The sample feed {@code copies} times over, facility ids suffixed {@code -0}..., rows in the
     * sample's order within each copy; the sample's line ends (CRLF) are kept.
     */
    public static long multiply(Path feed, int copies, Path out) throws IOException {
        String text = Files.readString(feed, StandardCharsets.UTF_8);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = text.split("\r?\n");
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(lines[0]);
            w.write(eol);
            for (int c = 0; c < copies; c++) {
                for (int i = 1; i < lines.length; i++) {
                    if (lines[i].isEmpty()) {
                        continue;
                    }
                    w.write(suffixFacility(lines[i], "-" + c));
                    w.write(eol);
                    rows++;
                }
            }
        }
        return rows;
    }

    /** The row with its second field (facility_id) suffixed; rows of the sample have no quoted fields. */
    static String suffixFacility(String row, String suffix) {
        int first = row.indexOf(',');
        int second = row.indexOf(',', first + 1);
        if (first < 0 || second < 0) {
            return row;
        }
        return row.substring(0, second) + suffix + row.substring(second);
    }

    /** How many series (facility x device) a feed holds and how many months its timestamps span. */
    public record Span(int series, double months) {
    }

    public static Span span(byte[] feed) {
        java.util.Set<String> series = new java.util.HashSet<>();
        Instant first = null;
        Instant last = null;
        String[] lines = new String(feed, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length < 3) {
                continue;
            }
            try {
                Instant t = Instant.parse(f[0].strip());
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
                series.add(f[1] + "|" + f[2]);
            } catch (RuntimeException badRow) {
                // the sample has deliberate bad rows
            }
        }
        double days = first == null ? 0 : java.time.Duration.between(first, last).toHours() / 24.0 + 1;
        return new Span(series.size(), days / 30.0);
    }
}
