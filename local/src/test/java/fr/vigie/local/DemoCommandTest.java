package fr.vigie.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo polls its simulated hospitals over HTTP, stores, evaluates and prints the alert table. */
class DemoCommandTest {

    @Test
    void aShortDemoRunsToTheEndAndPrintsItsAlertTable() {
        ReplayCommandTest.Run run = ReplayCommandTest.vigie("demo", "--until", "2025-12-15", "--details");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Alertes par établissement et dispositif"), run.out());
        assertTrue(run.out().contains("Pire niveau") && run.out().contains("Rupture prévue"), "summary and every event: " + run.out());
        assertTrue(run.out().contains("relevés enregistrés"), run.out());
        assertTrue(run.err().contains("jours relevés : 106/106"), run.err());
    }
}
