package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thresholds check their own rule: 0 < criticalDays < warningDays <= 365. */
class ThresholdsTest {

    @Test
    void onlyThresholdsThatKeepTheRuleCanBeBuilt() {
        assertEquals(21, new Thresholds(21, 10).warningDays());
        assertEquals(1, new Thresholds(365, 1).criticalDays());
        for (int[] bad : new int[][]{{10, 10}, {7, 14}, {21, 0}, {21, -3}, {366, 10}}) {
            assertThrows(IllegalArgumentException.class, () -> new Thresholds(bad[0], bad[1]), bad[0] + "/" + bad[1]);
        }
    }

    @Test
    void parsingNamesEachWrongFieldInFrench() {
        List<Violation> v = new ArrayList<>();
        assertEquals(new Thresholds(21, 10), Thresholds.parse("E", "21", " 10 ", v).orElseThrow());
        assertEquals(List.of(), v);

        assertTrue(Thresholds.parse("E", "21.5", null, v).isEmpty());
        assertEquals(List.of(new Violation("E", "thresholds.warningDays", "nombre entier de jours attendu (reçu \"21.5\")"),
                new Violation("E", "thresholds.criticalDays", "obligatoire (nombre entier de jours)")), v);

        v.clear();
        assertTrue(Thresholds.parse("E", "7", "14", v).isEmpty());
        assertEquals(List.of(new Violation("E", "thresholds.criticalDays", "doit être inférieur à warningDays (14 >= 7)")), v);

        v.clear();
        assertTrue(Thresholds.parse("E", "366", "10", v).isEmpty());
        assertEquals("doit être compris entre 1 et 365 (reçu 366)", v.get(0).message());
    }
}
