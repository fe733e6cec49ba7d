package fr.vigie.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static fr.vigie.local.CommandLineTest.refused;
import static fr.vigie.local.ReplayCommandTest.SEASON_A;
import static fr.vigie.local.ReplayCommandTest.vigie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files a newcomer hands to {@code ./vigie}: input files in another encoding, output folders that do not exist
 * yet, an epidemic signal with a stray quote, no valid row or a hundred thousand bad ones.
 */
class InputAndOutputFilesTest {

    private static final String WATCHLIST = SEASON_A.resolve("watchlist.json").toString();
    private static final String HEADER = "region,epidemic,week,intensity\n";

    /** The season's first 120 rows: enough to run, quick to replay. */
    private static Path smallFeed(Path dir) throws Exception {
        Path feed = dir.resolve("feed.csv");
        Files.write(feed, Files.readAllLines(SEASON_A.resolve("feed.csv")).subList(0, 121));
        return feed;
    }

    private static ReplayCommandTest.Run replay(Path dir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "--watchlist", WATCHLIST, "--feed", smallFeed(dir).toString(),
                "--db", dir.resolve("db").toString()));
        args.addAll(List.of(more));
        if (!args.contains("--notices")) {
            args.addAll(List.of("--notices", "none"));
        }
        if (!args.contains("--alerts")) {
            args.addAll(List.of("--alerts", dir.resolve("a.jsonl").toString()));
        }
        return vigie(args.toArray(String[]::new));
    }

    /** Latin-1 bytes ("é" as the single byte 0xE9) where UTF-8 is expected. */
    private static Path latin1(Path file, String text) throws Exception {
        return Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void inputFilesNotInUtf8AreRefusedNamingTheFileAndTheLineBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path signal = latin1(dir.resolve("signal.csv"), HEADER + "84,FLU,2025-W47,3\nRégion inconnue,FLU,2025-W47,3\n");
        ReplayCommandTest.Run epidemic = replay(dir, "--epidemic", signal.toString());
        refused(epidemic, "fichier de signal épidémique " + signal + ", ligne 3 : octet 0xE9 hors UTF-8");
        assertFalse(Files.exists(dir.resolve("db")), "nothing ran");

        Path list = latin1(dir.resolve("list.json"), Files.readString(SEASON_A.resolve("watchlist.json")).replace("\"name\": \"", "\"name\": \"é"));
        refused(vigie("watchlist", "import", list.toString(), "--db", dir.resolve("db").toString()),
                "liste surveillée " + list + ", ligne ");
        refused(vigie("replay", "--watchlist", list.toString(), "--feed", smallFeed(dir).toString(), "--alerts", dir.resolve("a.jsonl").toString()),
                "hors UTF-8");

        Path notices = latin1(dir.resolve("notices.json"), "[\n{\"noticeId\": \"DM-2025-0001\", \"emdn\": \"é\"}]");
        refused(replay(dir, "--notices", notices.toString()), "fichier d'avis " + notices + ", ligne 2 : octet 0xE9 hors UTF-8");
        assertFalse(Files.exists(dir.resolve("db")), "nothing ran");
    }

    @Test
    void inputFilesOfAnotherKindAreRefusedSayingWhatTheyAreBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        // the watch-list gzipped, in UTF-16 from Excel, or the feed CSV given for it
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(SEASON_A.resolve("watchlist.json")));
        }
        Path gzipped = Files.write(dir.resolve("watchlist.json.gz"), gz.toByteArray());
        refused(vigie("watchlist", "import", gzipped.toString(), "--db", dir.resolve("db").toString()),
                "liste surveillée " + gzipped + " : fichier compressé (gzip) : décompressez-le (gunzip, 7-Zip) ; un document JSON en UTF-8 est attendu");
        Path utf16 = Files.write(dir.resolve("list16.json"), ("\uFEFF" + Files.readString(SEASON_A.resolve("watchlist.json")))
                .getBytes(StandardCharsets.UTF_16LE));
        refused(vigie("watchlist", "import", utf16.toString(), "--db", dir.resolve("db").toString()),
                "liste surveillée " + utf16 + " : le fichier n'est pas en UTF-8 (UTF-16 ou autre encodage)");
        refused(vigie("watchlist", "import", SEASON_A.resolve("feed.csv").toString(), "--db", dir.resolve("db").toString()),
                "ce n'est pas un document JSON (il commence par « timestamp,facility_id");

        // the epidemic signal given as JSON, a JSON report given as the feed
        Path json = Files.writeString(dir.resolve("signal.json"), "[{\"region\": \"84\", \"epidemic\": \"FLU\"}]");
        refused(replay(dir, "--epidemic", json.toString()), "document JSON : un fichier CSV en UTF-8 est attendu, en-tête region,epidemic");
        Path report = Files.writeString(dir.resolve("report.csv"), "{\"facilityId\": \"CH-BRE-08\", \"items\": []}\n");
        refused(vigie("replay", "--watchlist", WATCHLIST, "--feed", report.toString(), "--notices", "none",
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", dir.resolve("db").toString()), "document JSON : un fichier CSV en UTF-8 est attendu");
        assertFalse(Files.exists(dir.resolve("db")), "nothing ran");
    }

    @Test
    void aFeedRowNotInUtf8IsRejectedWithItsLineAndTheOtherRowsAreKept(@TempDir Path dir) throws Exception {
        List<String> rows = new ArrayList<>(Files.readAllLines(SEASON_A.resolve("feed.csv")).subList(0, 4));
        rows.set(2, rows.get(2).replaceFirst(",", ",É"));
        Path feed = latin1(dir.resolve("latin1.csv"), String.join("\n", rows) + "\n");
        ReplayCommandTest.Run run = vigie("replay", "--watchlist", WATCHLIST, "--feed", feed.toString(), "--notices", "none",
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", dir.resolve("db").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("ligne 3 : octets hors UTF-8 dans la ligne") && run.out().contains("[INVALID_ENCODING]"), run.out());
        assertTrue(run.out().contains("enregistrées           2"), run.out());
    }

    @Test
    void missingOutputFoldersAreCreatedAndAPathThatCannotBeAFolderIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path alerts = dir.resolve("new/deeper/a.jsonl");
        ReplayCommandTest.Run run = replay(dir, "--alerts", alerts.toString(), "--summary", dir.resolve("other/s.json").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.isRegularFile(alerts) && Files.isRegularFile(dir.resolve("other/s.json")), run.out());

        Path aFile = Files.writeString(dir.resolve("plain.txt"), "x");
        refused(replay(dir, "--alerts", aFile.resolve("a.jsonl").toString()),
                "--alerts " + aFile.resolve("a.jsonl") + " : impossible de créer le dossier " + aFile + " : un élément du chemin est un fichier");
        refused(replay(dir, "--summary", aFile.resolve("s.json").toString()), "--summary " + aFile.resolve("s.json"));
        refused(replay(dir, "--alerts", dir.toString()), "--alerts " + dir + " est un dossier");
        // an input folder, the feed's above all (Java refuses it only on the first read), is named before anything runs
        refused(vigie("replay", "--watchlist", WATCHLIST, "--feed", dir.toString(), "--alerts", dir.resolve("b.jsonl").toString(),
                "--db", dir.resolve("db2").toString()), "fichier de relevés : " + dir + " est un dossier, un fichier est attendu");
        assertFalse(Files.exists(dir.resolve("db2")), "nothing ran");
        refused(vigie("retex", "--season", "2025-2026", "--out", aFile.resolve("retex").toString(), "--db", dir.resolve("db").toString()),
                "--out " + aFile.resolve("retex") + " : impossible de créer ce dossier");
        refused(vigie("watchlist", "import", WATCHLIST, "--db", aFile.resolve("db").toString()), "--db " + aFile.resolve("db"));
    }

    @Test
    void anOutputNamedAsAnInputIsRefusedBeforeItIsOverwritten(@TempDir Path dir) throws Exception {
        Path feed = smallFeed(dir);
        List<String> rows = Files.readAllLines(feed);
        refused(vigie("replay", "--watchlist", WATCHLIST, "--feed", feed.toString(), "--alerts", feed.toString(),
                "--db", dir.resolve("db").toString(), "--notices", "none"),
                "--alerts " + feed + " est aussi le fichier de relevés (--feed) : il serait écrasé");
        assertEquals(rows, Files.readAllLines(feed), "the hospital's feed is untouched (it was emptied)");
        Path list = Files.copy(Path.of(WATCHLIST), dir.resolve("watchlist.json"));
        refused(vigie("replay", "--watchlist", list.toString(), "--feed", feed.toString(), "--alerts", dir.resolve("a.jsonl").toString(),
                "--summary", dir.resolve(".").resolve("watchlist.json").toString(), "--db", dir.resolve("db").toString(), "--notices", "none"),
                "est aussi la liste surveillée (--watchlist)");
        refused(replay(dir, "--summary", dir.resolve("a.jsonl").toString()), "--summary " + dir.resolve("a.jsonl") + " est aussi --alerts");
        assertFalse(Files.exists(dir.resolve("db")), "nothing ran");
    }

    @Test
    void anEpidemicSignalWithAStrayQuoteKeepsItsOtherRowsAndSaysWhatItCounted(@TempDir Path dir) throws Exception {
        Path signal = Files.writeString(dir.resolve("signal.csv"), HEADER
                + "84,BRONCHIOLITIS,2025-W40,12.4\n11,\"FLU,2025-W40,3.5\n84,FLU,2025-W40,7.7\n84,FLU,2025-W40,7.7\n84,FLU,2025-W40,1.0\n");
        ReplayCommandTest.Run run = replay(dir, "--epidemic", signal.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("ligne 3 : guillemet « \" » jamais refermé sur la ligne"), run.out());
        assertTrue(run.out().contains("avec une autre intensité (1 au lieu de 7,7)"), run.out());
        // five rows: two weeks kept, one repeat, two rejected
        assertTrue(run.out().contains("lignes lues            5"), run.out());
        assertTrue(run.out().contains("semaines               2"), run.out());
        assertTrue(run.out().contains("répétées               1"), run.out());
        assertTrue(run.out().contains("rejetées               2"), run.out());
    }

    @Test
    void anEpidemicSignalWithoutAValidRowIsRefusedAsTheApiRefusesIt(@TempDir Path dir) throws Exception {
        Path header = Files.writeString(dir.resolve("header.csv"), HEADER);
        refused(replay(dir, "--epidemic", header.toString()), header + " : aucune ligne valide : rien n'est enregistré (le fichier n'a que son en-tête)");
        Path bad = Files.writeString(dir.resolve("bad.csv"), HEADER + "84,FLU,9999-W01,3\n84,FLU,2025-W47,douze\n");
        refused(replay(dir, "--epidemic", bad.toString()), bad + " : aucune ligne valide : rien n'est enregistré (ligne 2 : semaine 9999-W01 hors");
        assertFalse(Files.exists(dir.resolve("db")), "nothing ran");
    }

    @Test
    void aLargeBadSignalPrintsTheFirstRejectionsAndACountAndOneOverTheApisCapIsRefused(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER + "84,FLU,2025-W40,3\n");
        csv.append("84,FLU,2025-W47,douze\n".repeat(25_000));
        Path signal = Files.writeString(dir.resolve("signal.csv"), csv);
        ReplayCommandTest.Run run = replay(dir, "--epidemic", signal.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(ReplayCommand.SHOWN, run.out().lines().filter(l -> l.contains(": intensité illisible")).count(), run.out());
        assertTrue(run.out().contains("  … et " + (25_000 - ReplayCommand.SHOWN) + " autres lignes refusées"), run.out());

        Path huge = Files.writeString(dir.resolve("huge.csv"), HEADER + "84,FLU,2025-W40,3\n".repeat(70_000));
        refused(replay(dir, "--epidemic", huge.toString()), "fichier de signal épidémique trop volumineux : " + huge + " dépasse la limite de 1024 Kio");
    }
}
