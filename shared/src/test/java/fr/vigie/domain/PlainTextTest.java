package fr.vigie.domain;

import fr.vigie.domain.followup.DeviceFollowUp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Free text that reaches hospital staff (emails, SMS, pages) holds no character that changes what they read. */
class PlainTextTest {

    /** A right-to-left override: what follows it in the email's line is shown reversed. */
    private static final String RLO = "\u202E";

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void namesUnitsAndNotesShownToStaffWithAnInvisibleCharacterAreRefusedNamingTheField() {
        WatchlistDraft device = new WatchlistDraft("HFNC-PED", "Canule " + RLO + "DEP", List.of("BRONCHIOLITIS"), "pièce\n", null,
                List.of(), "10-01", "03-31", "21", "10", null, null,
                List.of(new DeviceFollowUp.Alternative("FAB", "NC210-M", null, "deux tailles\u2066 au-dessus")));
        List<Violation> v = new WatchlistValidator().validate(device, "HFNC-PED");
        assertEquals(List.of("name", "unit", "alternatives[0].note"), fields(v));
        assertTrue(v.get(0).message().startsWith("caractère invisible U+202E interdit"), v.get(0).message());

        FacilityDraft hospital = new FacilityDraft("CH-BRE-08", "CH de " + RLO + "repmiuQ", "53",
                new FacilityContact("Pharmacie\u200F", null, null), null);
        assertEquals(List.of("name", "contact.name"), fields(new FacilityValidator().validate(hospital).violations()));

        // accents, apostrophes, « » and non-breaking spaces are French, not hidden
        WatchlistDraft french = new WatchlistDraft("HFNC-PED", "Canule nasale « haut débit » pédiatrique l'été", List.of("FLU"),
                "pièce", null, List.of(), "10-01", "03-31", "21", "10", null);
        assertEquals(List.of(), new WatchlistValidator().validate(french, "HFNC-PED"));
    }

    @Test
    void flattenReplacesEachInvisibleCharacterWithASpace() {
        assertEquals("commande passée", PlainText.flatten(" commande" + RLO + "passée\u0007 "));
        assertEquals(null, PlainText.flatten("\u200E \t"));
    }
}
