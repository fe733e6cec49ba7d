package fr.vigie.adapter.feed;

import fr.vigie.domain.Violation;
import fr.vigie.domain.WatchlistValidator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A watch-list file (spec section 1) whose values have the wrong JSON shape, as a hand-edited file has them. */
class WatchlistJsonTest {

    static final String ENTRY = """
            {"deviceId": "%s", "name": "Canule nasale haut débit pédiatrique", "epidemics": ["BRONCHIOLITIS"],
             "unit": "pièce", "season": {"start": "10-01", "end": "03-31"},
             "thresholds": {"warningDays": 21, "criticalDays": 10}%s}""";

    static WatchlistValidator.Result list(String... entries) {
        return WatchlistJson.parseList("[" + String.join(",", entries) + "]");
    }

    @Test
    void anActiveFlagThatIsNotABooleanIsRefusedNotReadAsActive() {
        // "False", "non", 0: an operator stopping a device's surveillance must not see it go on silently
        for (String active : List.of("\"False\"", "\"non\"", "0", "\"false \"", "[false]")) {
            WatchlistValidator.Result r = list(ENTRY.formatted("HFNC-PED", ", \"active\": " + active));
            assertFalse(r.valid(), active + " -> " + r.entries());
            assertEquals(List.of("HFNC-PED active"), r.violations().stream().map(v -> v.entry() + " " + v.field()).toList(), active);
        }
        WatchlistValidator.Result off = list(ENTRY.formatted("HFNC-PED", ", \"active\": false"), ENTRY.formatted("FFP2", ", \"active\": null"));
        assertTrue(off.valid(), off.violations().toString());
        assertFalse(off.entries().get(0).active());
        assertTrue(off.entries().get(1).active(), "null is the default");
    }

    @Test
    void listsAndObjectsOfTheWrongShapeAreNamedWithTheirEntry() {
        WatchlistValidator.Result r = list(
                ENTRY.formatted("HFNC-PED", ", \"references\": {\"supplier\": \"ACME\", \"ref\": \"OPT316\"}"),
                ENTRY.formatted("FFP2", ", \"alternatives\": \"NC210-M\""),
                "\"MASK-PED\"");
        assertFalse(r.valid());
        List<String> named = r.violations().stream().map(Violation::field).toList();
        assertTrue(named.contains("references") && named.contains("alternatives"), r.violations().toString());
        assertTrue(r.violations().stream().anyMatch(v -> v.entry().equals("#3") && v.field().equals("-")), r.violations().toString());
    }

    @Test
    void aKeyGivenTwiceInAnEntryIsRefusedNotTheLastOneSilentlyKept() {
        // a line pasted twice while editing by hand: which threshold did the operator mean?
        WatchlistValidator.Result r = list(ENTRY.formatted("HFNC-PED", ", \"active\": true, \"active\": false"));
        assertFalse(r.valid(), r.entries().toString());
        assertTrue(r.violations().get(0).message().contains("\"active\" en double"), r.violations().toString());
    }

    @Test
    void aMisspeltFieldIsAViolationNotAValueSilentlyIgnored() {
        // "actif": false meant to stop a device's surveillance; "Active" is not "active" to a JSON reader
        WatchlistValidator.Result r = list(ENTRY.formatted("HFNC-PED", ", \"actif\": false"), ENTRY.formatted("FFP2", ", \"Active\": false"),
                ENTRY.formatted("NP-SWAB", ", \"EMDN\": \"R0302\", \"references\": [{\"supplier\": \"ACME\", \"ref\": \"M1\", \"udi_di\": \"09420012345678\"}]"));
        assertEquals(List.of("HFNC-PED actif", "FFP2 Active", "NP-SWAB EMDN", "NP-SWAB references[0].udi_di"),
                r.violations().stream().map(v -> v.entry() + " " + v.field()).toList(), r.violations().toString());
        assertTrue(r.violations().get(0).message().contains("« actif » : vouliez-vous dire « active » ?"), r.violations().get(0).message());
        // a field of its own is read past, even one letter off a field of the format (GMDN is another nomenclature)
        assertTrue(list(ENTRY.formatted("HFNC-PED", ", \"commentaire\": \"suivi ARS\", \"gmdn\": \"35116\", \"inactive\": false")).valid());
    }

    @Test
    void aByteOrderMarkIsReadPastAndASyntaxErrorNamesItsLine() {
        assertTrue(WatchlistJson.parseList("\uFEFF[" + ENTRY.formatted("HFNC-PED", "") + "]").valid());
        WatchlistValidator.Result broken = WatchlistJson.parseList("[\n" + ENTRY.formatted("HFNC-PED", ",") + "]");
        assertTrue(broken.violations().get(0).message().startsWith("JSON illisible ligne 4"), broken.violations().toString());
    }
}
