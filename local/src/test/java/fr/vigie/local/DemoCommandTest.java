package fr.vigie.local;

import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo polls its simulated hospitals over HTTP, stores, evaluates and prints the alert table. */
class DemoCommandTest {

    @Test
    void aShortDemoRunsToTheEndAndPrintsItsAlertTable() throws Exception {
        ReplayCommandTest.Run run = ReplayCommandTest.vigie("demo", "--until", "2025-12-15", "--details");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Alertes par établissement et dispositif"), run.out());
        assertTrue(run.out().contains("Pire niveau") && run.out().contains("Rupture prévue"), "summary and every event: " + run.out());
        assertTrue(run.out().contains("relevés enregistrés"), run.out());
        assertTrue(run.err().contains("jours relevés : 106/106"), run.err());
        // the devices by their names, as the SMS names them: every row of both tables names a device of the demo's list
        List<String> names = WatchlistJson.parseList(new String(DemoCommandTest.class.getClassLoader()
                .getResourceAsStream("demo/watchlist.json").readAllBytes(), StandardCharsets.UTF_8)).entries().stream().map(WatchlistEntry::name).toList();
        List<String> rows = run.out().lines().dropWhile(l -> !l.startsWith("Établissement")).takeWhile(l -> !l.startsWith("Exemple"))
                .filter(l -> l.matches("^[A-Z]{2,4}-[A-Z]{3}-\\d\\d .*")).toList();
        assertTrue(rows.size() > 2, run.out());
        rows.forEach(row -> assertTrue(names.stream().anyMatch(row::contains), "a device name in: " + row));
        // the example's facility by its registered name, in the email's subject and in the SMS, as the deployed texts
        String example = run.out().substring(run.out().indexOf("Exemple : ce que reçoit l'établissement "));
        String facility = example.lines().findFirst().orElseThrow()
                .replaceFirst("^Exemple : ce que reçoit l'établissement (.*) \\([A-Z]{2,4}-[A-Z]{3}-\\d\\d\\)$", "$1");
        assertTrue(example.contains("Objet : [Vigie] ") && example.lines().anyMatch(l -> l.startsWith("Objet : ") && l.contains(" - " + facility + " - ")),
                example);
        String sms = example.lines().dropWhile(l -> !l.startsWith("--- SMS")).skip(1).findFirst().orElseThrow();
        // the SMS shortens long names at whole words: the name's first word, never the identifier
        assertTrue(sms.contains(facility.split(" ")[0]) && !sms.matches(".*[A-Z]{2,4}-[A-Z]{3}-\\d\\d.*"), example);
    }
}
