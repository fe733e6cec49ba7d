package fr.vigie.adapter.feed;

import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;
import fr.vigie.domain.followup.DeviceFollowUp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional follow-up fields of a watch-list entry (issue 22, docs/watchlist.md): absent in the
 * spec's files, which still read as before; read, validated and written back when present.
 */
class WatchlistFollowUpJsonTest {

    static final String ENTRY = """
            [{"deviceId": "HFNC-PED", "name": "Canule nasale haut débit pédiatrique", "epidemics": ["BRONCHIOLITIS"],
              "unit": "pièce", "season": {"start": "10-01", "end": "03-31"},
              "thresholds": {"warningDays": 21, "criticalDays": 10}, %s}]""";

    @Test
    void theSampleWatchlistsStillReadWithoutFollowUp() throws Exception {
        for (String season : List.of("season-a", "season-b", "season-c")) {
            WatchlistValidator.Result list = WatchlistJson.parseList(Files.readString(Path.of("../../shared/samples/" + season + "/watchlist.json")));
            assertTrue(list.valid(), list.violations().toString());
            list.entries().forEach(e -> assertEquals(DeviceFollowUp.NONE, e.followUp()));
            list.entries().forEach(e -> assertFalse(WatchlistJson.toJson(e).has("alternatives"), "nothing added to the spec's JSON"));
        }
    }

    @Test
    void escalationHoursAndAlternativesAreReadAndWrittenBack() {
        WatchlistValidator.Result list = WatchlistJson.parseList(ENTRY.formatted("""
                "escalationHours": 4, "alternatives": [{"supplier": "FAB-BRETMED", "ref": "NC210-M"},
                {"deviceId": "HFNC-ADULT", "note": "taille S uniquement"}]"""));
        assertTrue(list.valid(), list.violations().toString());
        WatchlistEntry e = list.entries().get(0);
        assertEquals(4, e.followUp().escalationHours());
        assertEquals("NC210-M (FAB-BRETMED)", e.followUp().alternatives().get(0).label(null));
        assertEquals("Canule adulte (HFNC-ADULT) : taille S uniquement", e.followUp().alternatives().get(1).label("Canule adulte"));
        WatchlistEntry again = WatchlistJson.parseList("[" + WatchlistJson.toJson(e) + "]").entries().get(0);
        assertEquals(e, again);
    }

    @Test
    void wrongFollowUpValuesAreNamed() {
        WatchlistValidator.Result list = WatchlistJson.parseList(ENTRY.formatted("""
                "escalationHours": 0, "alternatives": [{"supplier": "X"}, {"ref": "R", "deviceId": "OTHER"}]"""));
        assertFalse(list.valid());
        List<String> fields = list.violations().stream().map(v -> v.field()).toList();
        assertEquals(List.of("escalationHours", "alternatives[0]", "alternatives[1]"), fields, list.violations().toString());
    }
}
