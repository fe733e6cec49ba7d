package fr.vigie.local;

import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./vigie replay} as a user runs it: the spec's exit codes, the summary, and a second run that adds nothing. */
class ReplayCommandTest {

    static final Path SEASON_A = ProjectRoot.find().resolve("../shared/samples/season-a").normalize();

    record Run(int code, String out, String err) {
    }

    static Run vigie(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSeasonReplaysToAlertsAndASecondReplayStoresAndSendsNothing(@TempDir Path dir) throws Exception {
        Path alerts = dir.resolve("alerts.jsonl");
        Run first = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(),
                "--feed", SEASON_A.resolve("feed.csv").toString(), "--alerts", alerts.toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("lignes lues        13066"), first.out());
        List<String> lines = Files.readAllLines(alerts);
        assertTrue(lines.size() > 10, "a season with stock-outs raises alerts");
        assertTrue(lines.stream().allMatch(l -> l.contains("\"alertId\"") || l.contains("\"type\":\"SUPPLY_DISRUPTION\"")
                || l.contains("\"type\":\"SUPPLY_NOTICE\"") || l.contains("\"type\":\"STALE_DATA\"")));
        // notices.json beside the feed is applied: each record told to operators once, in the same file
        assertTrue(first.out().contains("Avis de rupture (notices.json)"), first.out());
        assertTrue(first.out().contains("enregistrés            5"), first.out());
        assertEquals(5, lines.stream().filter(l -> l.contains("\"type\":\"SUPPLY_NOTICE\"")).count());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"type\":\"SUPPLY_NOTICE\",\"noticeId\":\"DM-2025-0301\",\"status\":\"RISK\"")
                && l.contains("\"at\":\"2025-10-20T00:00:00Z\"") && l.contains("\"deviceIds\":[\"FFP2\"]")), lines.toString());
        assertTrue(Files.size(dir.resolve("db").resolve(LocalDatabase.FILE)) > 0, "the database is kept on disk");

        Path again = dir.resolve("again.jsonl");
        Run second = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(),
                "--feed", SEASON_A.resolve("feed.csv").toString(), "--alerts", again.toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("enregistrées           0"), second.out());
        assertTrue(second.out().contains("doublons           13066"), second.out());
        assertTrue(second.out().contains("déjà connus            5"), second.out());
        assertEquals(List.of(), Files.readAllLines(again));

        Run tension = vigie("tension", "--db", dir.resolve("db").toString());
        assertEquals(0, tension.code(), tension.err());
        long stillOpen = lines.stream().filter(l -> l.contains("\"alertId\"")).map(l -> l.replaceAll(".*\"facilityId\":\"([^\"]+)\",\"deviceId\":\"([^\"]+)\",\"level\":\"([A-Z]+)\".*", "$1 $2 $3"))
                .collect(java.util.stream.Collectors.toMap(l -> l.substring(0, l.lastIndexOf(' ')), l -> l.substring(l.lastIndexOf(' ') + 1), (a, b) -> b))
                .values().stream().filter(level -> !level.equals("RECOVERED")).count();
        assertTrue(tension.out().startsWith("Tensions en cours : " + stillOpen + " alerte(s) ouverte(s)"), tension.out());
        // "à jour" is judged on the feed's clock: the day it judges against is shown, the feed's last row's Paris day
        java.time.Instant last = Files.readAllLines(SEASON_A.resolve("feed.csv")).stream().skip(1)
                .map(l -> java.time.Instant.parse(l.substring(0, l.indexOf(',')))).max(java.util.Comparator.naturalOrder()).orElseThrow();
        String day = java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu").format(last.atZone(java.time.ZoneId.of("Europe/Paris")));
        assertTrue(tension.out().contains("établissement(s) à jour au " + day + " (date du dernier relevé reçu, pas la date du jour)"), tension.out());
    }

    @Test
    void badRowsAreListedWithTheirLineAndTheGoodRowsKept(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.csv");
        Files.writeString(feed, """
                timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery
                2025-11-02T05:00:00Z,CH-1,FFP2,100,10,0,0,
                2025-11-03T05:00:00Z,CH-1,FFP2,-4,10,0,0,
                2025-11-04T05:00:00Z,CH-1,FFP2,80,10,0,0,
                """);
        Run run = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feed.toString(),
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("enregistrées           2"), run.out());
        assertTrue(run.out().contains("ligne 3 : on_hand ne peut pas être négatif : -4 [NEGATIVE_VALUE]"), run.out());
    }

    @Test
    void theFacilitiesRegisteredFromTheFeedAreCountedAndTheFirstFewNamed(@TempDir Path dir) throws Exception {
        StringBuilder feed = new StringBuilder("timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery\n");
        for (int f = 0; f < 25; f++) {
            feed.append("2025-11-02T05:00:00Z,CH-").append(100 + f).append(",FFP2,100,10,0,0,\n");
        }
        Files.writeString(dir.resolve("feed.csv"), feed);
        Run run = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", dir.resolve("feed.csv").toString(),
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, run.code(), run.err());
        // a national feed names thousands: one line, not all of them
        assertTrue(run.out().contains("25 établissement(s) du fichier inscrit(s) (CH-100, CH-101,"), run.out());
        assertTrue(run.out().contains("CH-119, … et 5 autres)") && !run.out().contains("CH-120"), run.out());
    }

    @Test
    void aFallingEpidemicSignalKeepsAWarningTheSameFeedWithoutItOpensAndItsBadRowsAreNamed(@TempDir Path dir) throws Exception {
        // steady use of 100 a day, the one delivery on order overdue from 5/11 (only the shelf counts):
        // 40 days of stock on 1/11, 17 on 24/11 at the same use (warning at 18 days)
        StringBuilder feed = new StringBuilder("timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery\n");
        for (int d = 0; d < 24; d++) {
            feed.append(java.time.LocalDate.of(2025, 11, 1).plusDays(d)).append("T05:00:00Z,CHU-IDF-01,HFNC-PED,")
                    .append(4000 - 100 * d).append(",100,0,1000,2025-11-05\n");
        }
        Path feedFile = dir.resolve("feed.csv");
        Files.writeString(feedFile, feed);
        // bronchiolitis in Île-de-France past its peak: 10, 8, then 5 % of emergency visits (week 46 known from 19/11)
        Path signal = dir.resolve("epidemic.csv");
        Files.writeString(signal, """
                region,epidemic,week,intensity
                11,BRONCHIOLITIS,2025-W44,10
                11,BRONCHIOLITIS,2025-W45,8
                11,BRONCHIOLITIS,2025-W46,5
                11,BRONCHIOLITIS,2025-11-18,4
                """);
        Path without = dir.resolve("without.jsonl");
        Run plain = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feedFile.toString(),
                "--alerts", without.toString(), "--db", dir.resolve("db1").toString());
        assertEquals(0, plain.code(), plain.err());
        List<String> alerts = Files.readAllLines(without);
        assertEquals(1, alerts.size(), alerts.toString());
        assertTrue(alerts.get(0).contains("\"level\":\"WARNING\"") && alerts.get(0).contains("\"dailyUseForecast\":100.0"), alerts.toString());

        Path with = dir.resolve("with.jsonl");
        Run led = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feedFile.toString(),
                "--alerts", with.toString(), "--epidemic", signal.toString(), "--db", dir.resolve("db2").toString());
        assertEquals(0, led.code(), led.err());
        assertTrue(led.out().contains("Signal épidémique (epidemic.csv)"), led.out());
        // four rows read, three weeks from them, the fourth rejected: the counts say what they count
        assertTrue(led.out().contains("lignes lues            4") && led.out().contains("semaines               3")
                && led.out().contains("rejetées               1"), led.out());
        assertTrue(led.out().contains("ligne 5 : semaine « 2025-11-18 » : un lundi ou une semaine ISO (ex. 2025-W47) attendu, c'est un mardi"), led.out());
        // the wave is receding: the shelf lasts beyond the warning horizon at the use to come
        assertEquals(List.of(), Files.readAllLines(with));

        Run missing = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feedFile.toString(),
                "--alerts", dir.resolve("x.jsonl").toString(), "--epidemic", dir.resolve("none.csv").toString(), "--db", dir.resolve("db3").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("fichier de signal épidémique introuvable"), missing.err());
    }

    @Test
    void badNoticesAreNamedByIndexAndFieldTheOthersKeptAndAMissingNoticesFileExitsWith2(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.csv");
        Files.writeString(feed, """
                timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery
                2025-11-02T05:00:00Z,CH-1,FFP2,100,10,0,0,
                """);
        Path notices = dir.resolve("avis.json");
        Files.writeString(notices, """
                [{"noticeId": "DM-2025-0301", "publishedAt": "2025-10-20", "status": "RISK", "kind": "ALLOCATION",
                  "references": [{"supplier": "FAB-JURAMED", "ref": "PM024-10"}]},
                 {"noticeId": "DM-2025-0302", "publishedAt": "2025-10-21", "status": "RISK", "kind": "LATE",
                  "references": [{"supplier": "FAB-JURAMED", "ref": "PM024-10"}]}]
                """);
        Run run = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feed.toString(),
                "--alerts", dir.resolve("a.jsonl").toString(), "--notices", notices.toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("enregistrés            1"), run.out());
        assertTrue(run.out().contains("avis entrée 1, champ kind : valeur inconnue \"LATE\""), run.out());
        assertTrue(Files.readString(dir.resolve("a.jsonl")).contains("\"matchedBy\":\"supplierRef\""));
        Run missing = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feed.toString(),
                "--alerts", dir.resolve("b.jsonl").toString(), "--notices", dir.resolve("none.json").toString(), "--db", dir.resolve("db2").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("fichier d'avis introuvable"), missing.err());
    }

    @Test
    void anInvalidWatchlistIsRefusedWithExitCode2NamingTheEntryAndTheField(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("watchlist.json");
        Files.writeString(list, """
                [{"deviceId": "FFP2", "name": "Masque FFP2", "epidemics": ["COVID"], "unit": "piece",
                  "season": {"start": "10-01", "end": "03-31"}, "thresholds": {"warningDays": 7, "criticalDays": 14}}]
                """);
        Run run = vigie("replay", "--watchlist", list.toString(), "--feed", SEASON_A.resolve("feed.csv").toString(),
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", dir.resolve("db").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("entrée FFP2, champ thresholds.criticalDays"), run.err());
    }

    @Test
    void missingFilesAndBadUsageExitWith2() {
        assertEquals(2, vigie("replay", "--watchlist", "/nonexistent.json", "--feed", "x.csv", "--alerts", "y").code());
        assertEquals(2, vigie("replay", "--feed", "x.csv").code());
        assertEquals(2, vigie("frobnicate").code());
        Run missingFeed = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", "/nonexistent.csv",
                "--alerts", "/tmp/never.jsonl");
        assertEquals(2, missingFeed.code());
        assertTrue(missingFeed.err().contains("introuvable"), missingFeed.err());
    }
}
