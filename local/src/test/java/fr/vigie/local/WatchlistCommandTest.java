package fr.vigie.local;

import fr.vigie.port.Watchlist;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static fr.vigie.local.ReplayCommandTest.vigie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./vigie watchlist import} as a user runs it: the starter list in, a second import changes nothing, exit 2 on an invalid file. */
class WatchlistCommandTest {

    static final Path STARTER = ProjectRoot.find().resolve("docs/starter-watchlist.json");

    @Test
    void theStarterListIsImportedThenReimportedUnchangedThenOneEntryUpdated(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        List<WatchlistEntry> starter = WatchlistJson.parseList(Files.readString(STARTER)).entries();
        assertTrue(starter.size() >= 12, "a realistic starter list");

        ReplayCommandTest.Run first = vigie("watchlist", "import", STARTER.toString(), "--db", db.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains(starter.size() + " ajoutée(s), 0 mise(s) à jour, 0 inchangée(s)"), first.out());
        assertTrue(squeezed(first.out()).contains("ajoutée HFNC-PED version 1"), first.out());

        ReplayCommandTest.Run again = vigie("watchlist", "import", STARTER.toString(), "--db", db.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 ajoutée(s), 0 mise(s) à jour, " + starter.size() + " inchangée(s)"), again.out());

        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, Files.readString(STARTER).replaceFirst("\"warningDays\": 21", "\"warningDays\": 25"));
        ReplayCommandTest.Run update = vigie("watchlist", "import", edited.toString(), "--db", db.toString());
        assertEquals(0, update.code(), update.err());
        assertTrue(squeezed(update.out()).contains("mise à jour HFNC-PED version 2"), update.out());
        assertTrue(squeezed(update.out()).contains("1 mise(s) à jour, " + (starter.size() - 1) + " inchangée(s)"), update.out());

        try (LocalDatabase opened = LocalDatabase.onDisk(db)) {
            Watchlist stored = DynamoWatchlist.load(opened.client(), opened.tables().registry());
            assertEquals(starter.size(), stored.entries().size(), "the functions' adapter reads what was imported");
            assertEquals(25, stored.entry("HFNC-PED").orElseThrow().thresholds().warningDays());
            List<DynamoRegistryEditor.Change> history = new DynamoRegistryEditor(opened.client(), opened.tables().registry()).entryHistory("HFNC-PED");
            assertEquals(2, history.size());
            assertEquals("IMPORT", history.get(1).action());
            assertTrue(history.get(1).by().startsWith("local:"));
            assertTrue(history.get(1).before().contains("\"warningDays\":21"));
        }
    }

    private static String squeezed(String s) {
        return s.replaceAll("[ \\t]+", " ");
    }

    @Test
    void anInvalidFileExits2NamingEntryAndFieldAndChangesNothing(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        assertEquals(0, vigie("watchlist", "import", STARTER.toString(), "--db", db.toString()).code());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                [{"deviceId": "HFNC-PED", "name": "Canule", "epidemics": ["BRONCHIOLITIS"], "unit": "piece",
                  "season": {"start": "10-01", "end": "03-31"}, "thresholds": {"warningDays": 40, "criticalDays": 10}},
                 {"deviceId": "FFP2", "name": "Masque FFP2", "epidemics": ["COVID", "MEASLES"], "unit": "piece",
                  "season": {"start": "10-01", "end": "03-31"}, "thresholds": {"warningDays": 7, "criticalDays": 14}}]
                """);
        ReplayCommandTest.Run run = vigie("watchlist", "import", bad.toString(), "--db", db.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("entrée FFP2, champ epidemics"), run.err());
        assertTrue(run.err().contains("entrée FFP2, champ thresholds.criticalDays"), run.err());
        try (LocalDatabase opened = LocalDatabase.onDisk(db)) {
            assertEquals(21, DynamoWatchlist.load(opened.client(), opened.tables().registry()).entry("HFNC-PED").orElseThrow()
                    .thresholds().warningDays(), "the valid first entry was not imported either");
        }
    }

    @Test
    void aSeasonEndingOnItsFirstDayOrANameOverItsLimitExits2NamingTheField(@TempDir Path dir) throws Exception {
        String entry = "[{\"deviceId\": \"HFNC-PED\", \"name\": \"%s\", \"epidemics\": [\"FLU\"], \"unit\": \"piece\", "
                + "\"season\": {\"start\": \"10-01\", \"end\": \"%s\"}, \"thresholds\": {\"warningDays\": 21, \"criticalDays\": 10}}]";
        Map<String, String> refusals = Map.of(
                String.format(entry, "Canule", "10-01"), "entrée HFNC-PED, champ season.end : fin identique au début",
                String.format(entry, "x".repeat(5000), "03-31"), "entrée HFNC-PED, champ name : trop long : 5000 caractères, 100 au plus");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Path bad = Files.writeString(dir.resolve("bad.json"), refusal.getKey());
            ReplayCommandTest.Run run = vigie("watchlist", "import", bad.toString(), "--db", dir.resolve("db").toString());
            assertEquals(2, run.code());
            assertTrue(run.err().contains(refusal.getValue()), run.err());
        }
    }

    @Test
    void badUsageExits2() {
        assertEquals(2, vigie("watchlist").code());
        assertEquals(2, vigie("watchlist", "export").code());
        assertEquals(2, vigie("watchlist", "import").code());
        assertEquals(2, vigie("watchlist", "import", "/nonexistent.json").code());
        assertEquals(2, vigie("watchlist", "import", STARTER.toString(), "--frobnicate", "x").code());
        ReplayCommandTest.Run notJson = vigie("watchlist", "import", ProjectRoot.find().resolve("README.md").toString());
        assertEquals(2, notJson.code());
        assertFalse(notJson.err().isBlank());
    }
}
