package fr.vigie.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static fr.vigie.local.ReplayCommandTest.SEASON_A;
import static fr.vigie.local.ReplayCommandTest.vigie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16, the command line as a newcomer meets it: bad usage is one French line and exit 2, help per command. */
class CommandLineTest {

    /** Exit 2, one line on stderr containing {@code expected}, no Java exception name, no usage dump. */
    static void refused(ReplayCommandTest.Run run, String expected) {
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().matches("(?s).*(Exception|java\\.|at fr\\.).*"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badValuesAreOneLineAndExit2() {
        refused(vigie("demo", "--until", "2025-13-45"), "--until attend une date AAAA-MM-JJ existante, pas « 2025-13-45 »");
        refused(vigie("demo", "--seed", "abc"), "--seed attend un nombre entier, pas « abc »");
        refused(vigie("demo", "--until", "2026-04-01"), "--until 2026-04-01 dépasse la fin de la saison simulée (2026-03-31)");
        refused(vigie("demo", "--frobnicate"), "option inconnue : --frobnicate");
        // an unset variable (--db "$DIR"): the database was created in the working directory
        refused(vigie("tension", "--db", ""), "l'option --db a une valeur vide");
        refused(vigie("console", "--port", "99999"), "--port attend un numéro de port de 0 à 65535 (0 : un port libre), pas « 99999 »");
        refused(vigie("console", "--port", "http"), "--port attend un nombre entier, pas « http »");
        refused(vigie("replay", "--watchlist", " ", "--feed", "x.csv", "--alerts", "y"), "l'option --watchlist a une valeur vide");
        refused(vigie("replay", "--watchlist", "/nonexistent.json", "--feed", "x.csv", "--alerts", "y"),
                "liste surveillée introuvable : /nonexistent.json");
    }

    @Test
    void aConsolePortAlreadyTakenIsOneFrenchLineAndExit2(@TempDir Path dir) throws Exception {
        LocalDatabase.onDisk(dir).close();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            refused(vigie("console", "--db", dir.toString(), "--port", String.valueOf(taken.getLocalPort())),
                    "le port " + taken.getLocalPort() + " est déjà pris (une autre console ?) : --port 0 en choisit un libre");
        }
    }

    @Test
    void aTruncatedWatchlistIsNamedWithItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("watchlist.json");
        String whole = Files.readString(SEASON_A.resolve("watchlist.json"));
        Files.writeString(list, whole.substring(0, whole.length() / 2));
        ReplayCommandTest.Run run = vigie("replay", "--watchlist", list.toString(), "--feed", SEASON_A.resolve("feed.csv").toString(),
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", dir.resolve("db").toString());
        refused(run, "ligne");
        assertTrue(run.err().contains("colonne"), run.err());
    }

    @Test
    void aWrongFeedHeaderIsRefusedBeforeTheDatabaseStarts(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.csv");
        Files.writeString(feed, "date,hopital,dispositif,stock\n2025-11-02,CH-1,FFP2,100\n");
        ReplayCommandTest.Run run = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feed.toString(),
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", dir.resolve("db").toString());
        refused(run, "colonnes obligatoires absentes de l'en-tête : timestamp, facility_id, device_id, on_hand");
        assertFalse(Files.exists(dir.resolve("db")), "the database was not started");
        assertFalse(Files.exists(dir.resolve("a.jsonl")), "no alerts file left behind");
    }

    @Test
    void aConsoleSignInAsAFacilityTheRegistryLacksIsNamedNotAnEmptyConsole(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.csv");
        Files.write(feed, Files.readAllLines(SEASON_A.resolve("feed.csv")).subList(0, 41));
        String db = dir.resolve("db").toString();
        ReplayCommandTest.Run replay = vigie("replay", "--watchlist", SEASON_A.resolve("watchlist.json").toString(), "--feed", feed.toString(),
                "--alerts", dir.resolve("a.jsonl").toString(), "--db", db, "--notices", "none");
        assertEquals(0, replay.code(), replay.err());
        refused(vigie("console", "--db", db, "--facility", "ch-bre-08"), "reçu « ch-bre-08 » : en majuscules, CH-BRE-08 ?");
        refused(vigie("console", "--db", db, "--facility", "CH-BRE-8"), "--facility : CH-BRE-8 n'est pas dans le registre de " + db + " (CH-BRE-08");
        // the database was closed on the way out: the next command opens it
        refused(vigie("console", "--db", db, "--facility", "CHU-IDF-99"), "CHU-IDF-99 n'est pas dans le registre");
        refused(vigie("console", "--db", db, "--region", "53", "--facility", "CH-BRE-08"), "--facility et --region s'excluent");
    }

    @Test
    void eachCommandHasItsHelpAndAMistypedCommandGetsTheClosest() {
        ReplayCommandTest.Run help = vigie("replay", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith(ReplayCommand.USAGE) && help.out().contains("--summary FICHIER"), help.out());
        assertTrue(vigie("demo", "--help").out().contains("--seed N"));
        assertTrue(vigie("tension", "-h").out().contains("--db DOSSIER"));
        refused(vigie("replai"), "commande inconnue : replai ; vouliez-vous dire « replay » ?");
        refused(vigie("tensoin"), "vouliez-vous dire « tension » ?");
        refused(vigie("frobnicate"), "commande inconnue : frobnicate (./vigie --help : les commandes)");
    }

    /** Every option a command parses is in its usage line and has its own line in its help: the help cannot lag behind the code. */
    @Test
    void everyOptionACommandParsesIsDescribedInItsHelp() {
        Map<String, Set<String>> parsed = Map.of("demo", union(DemoCommand.OPTIONS, DemoCommand.FLAGS), "replay", ReplayCommand.OPTIONS,
                "watchlist", WatchlistCommand.OPTIONS, "tension", TensionCommand.OPTIONS, "console", ConsoleCommand.OPTIONS,
                "retex", RetexCommand.OPTIONS);
        assertEquals(Main.COMMANDS.keySet(), union(parsed.keySet(), Set.of("bench")), "each command's options are checked");
        parsed.forEach((command, options) -> {
            String help = vigie(command, "--help").out();
            for (String option : options) {
                assertTrue(help.lines().findFirst().orElse("").contains(option), command + " usage lacks " + option + "\n" + help);
                assertTrue(help.lines().anyMatch(l -> l.startsWith("  " + option + " ")), command + " help lacks " + option + "\n" + help);
                assertTrue(Main.HELP.contains(option), "main help lacks " + command + " " + option);
            }
        });
        assertTrue(Main.HELP.contains(Main.BENCH_HELP.replace("\n", "\n  ")), Main.HELP);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
