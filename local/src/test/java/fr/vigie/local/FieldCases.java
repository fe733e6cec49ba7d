package fr.vigie.local;

import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.domain.AlertEvent;
import fr.vigie.testkit.ProjectRoot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The failing inputs from the field ({@code ../shared/cases/field/<case>/}: {@code watchlist.json},
 * {@code feed.csv}, sometimes {@code feed-control.csv}, and {@code expect.txt}), replayed by the very
 * code of {@code ./vigie replay} ({@link Main#run}) on a database of their own. Each case's test reads
 * its folder by name: {@code FieldCases.replay("inventory-correction", "feed.csv", dir)}.
 */
public final class FieldCases {

    public static final Path ROOT = ProjectRoot.find().resolve("../shared/cases/field").normalize();

    /** One replay: exit code, console, the alert events written and the closing JSON summary. */
    public record Replayed(int code, String out, String err, List<AlertEvent> alerts, String summaryJson) {

        /** The facility alerts' levels and instants, {@code "WARNING 2025-11-13T04:00:00Z"}, in order. */
        public List<String> levels() {
            return alerts.stream().map(a -> a.level() + " " + a.at()).toList();
        }
    }

    private FieldCases() {
    }

    public static Path folder(String caseName) {
        Path dir = ROOT.resolve(caseName);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no field case " + caseName + " in " + ROOT);
        }
        return dir;
    }

    /** What the case's {@code expect.txt} says, for messages. */
    public static String expectation(String caseName) throws IOException {
        return Files.readString(folder(caseName).resolve("expect.txt")).strip();
    }

    /** Replays {@code feedName} of the case (its own watch-list) into a fresh database under {@code work}. */
    public static Replayed replay(String caseName, String feedName, Path work) throws IOException {
        return replayFile(folder(caseName).resolve("watchlist.json"), folder(caseName).resolve(feedName),
                work.resolve(caseName + "-" + feedName));
    }

    /** The case's {@code feed.csv} and {@code feed-control.csv}, each replayed on its own database; the feed's exit code checked. */
    public record WithControl(Replayed feed, Replayed control, String expect) {
    }

    public static WithControl replayWithControl(String caseName, Path work) throws IOException {
        Replayed feed = replay(caseName, "feed.csv", work);
        if (feed.code() != 0) {
            throw new AssertionError(caseName + ": ./vigie replay exited " + feed.code() + "\n" + feed.err());
        }
        return new WithControl(feed, replay(caseName, "feed-control.csv", work), expectation(caseName));
    }

    /** Replays any feed with a watch-list into a fresh database in {@code work} (created), as {@code ./vigie replay} does. */
    public static Replayed replayFile(Path watchlist, Path feed, Path work) throws IOException {
        Files.createDirectories(work);
        Path alerts = work.resolve("alerts.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("replay", "--watchlist", watchlist.toString(), "--feed", feed.toString(),
                        "--alerts", alerts.toString(), "--db", work.resolve("db").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<AlertEvent> events = !Files.exists(alerts) ? List.of() : Files.readAllLines(alerts).stream()
                .filter(l -> l.contains("\"alertId\"")).map(AlertEventJson::readAlert).toList();
        Path summary = ReplayCommand.summaryBeside(alerts);
        return new Replayed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), events,
                Files.exists(summary) ? Files.readString(summary) : "");
    }
}
