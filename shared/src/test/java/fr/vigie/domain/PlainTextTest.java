package fr.vigie.domain;

import fr.vigie.domain.followup.DeviceFollowUp;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.domain.notice.NoticeValidator;
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
    void freeTextOverItsLimitIsRefusedNamingTheFieldAndTheLimitOnEveryEntity() {
        String huge = "x".repeat(5000);
        WatchlistDraft device = new WatchlistDraft("HFNC-PED", huge, List.of("BRONCHIOLITIS"), huge, null,
                List.of(new SupplierReference(huge, huge, null)), "10-01", "03-31", "21", "10", null, null,
                List.of(new DeviceFollowUp.Alternative(huge, huge, null, "y".repeat(PlainText.NOTE_MAX + 1))));
        List<Violation> v = new WatchlistValidator().validate(device, "HFNC-PED");
        assertEquals(List.of("name", "unit", "references[0].supplier", "references[0].ref", "alternatives[0].note",
                "alternatives[0].ref", "alternatives[0].supplier"), fields(v));
        assertEquals("trop long : 5000 caractères, 100 au plus", v.get(0).message());
        assertTrue(v.get(4).message().endsWith("501 caractères, 500 au plus"), v.get(4).message());

        FacilityDraft hospital = new FacilityDraft("CH-BRE-08", huge, "53", new FacilityContact(huge, "pharmacie@" + huge + ".fr", null), null);
        List<Violation> facility = new FacilityValidator().validate(hospital).violations();
        assertEquals(List.of("name", "contact.name", "contact.email"), fields(facility));
        assertEquals("trop long : 5013 caractères, 254 au plus (une adresse électronique)", facility.get(2).message());
        String path = "https://stock.ch-bre.fr/" + "a".repeat(FacilityValidator.URL_MAX - 24);
        FacilityDraft polled = new FacilityDraft("CH-BRE-08", "CH", "53", null, new FacilityDraft.Source("HTTP_JSON", path + "x", "5000", null));
        assertEquals(List.of(new Violation("CH-BRE-08", "source.url", "trop long : 2049 caractères, 2048 au plus")),
                new FacilityValidator().validate(polled).violations());
        assertEquals(List.of(), new FacilityValidator().validate(new FacilityDraft("CH-BRE-08", "CH", "53", null,
                new FacilityDraft.Source("HTTP_JSON", path, "5000", null))).violations());

        // the limit counts characters as people do: 100 accented letters or emoji are 100, not 200 UTF-16 units
        String hundred = "é".repeat(50) + "\uD83D\uDE00".repeat(50);
        assertEquals(List.of(), new WatchlistValidator().validate(new WatchlistDraft("HFNC-PED", hundred, List.of("FLU"), "pièce", null,
                List.of(), "10-01", "03-31", "21", "10", null), "HFNC-PED"));
    }

    @Test
    void aNoticeReferenceOverItsLimitIsRefusedNamingIt() {
        NoticeDraft notice = new NoticeDraft("DM-2025-0142", "2025-11-03", "RISK", "DELAY",
                List.of(new SupplierReference("ACME", "R".repeat(101), null)), null, null, null, "14", null, null, null);
        NoticeValidator.Result r = new NoticeValidator().validateAll(List.of(notice), java.time.Instant.parse("2025-11-04T00:00:00Z"));
        assertEquals(List.of("references[0].ref"), fields(r.violations()));
    }

    @Test
    void fitCutsAtTheLimitNeverInsideACharacter() {
        assertEquals("ab", PlainText.fit(" a\tb ", 5).replace(" ", ""));
        assertEquals("x".repeat(3) + "\uD83D\uDE00", PlainText.fit("xxx\uD83D\uDE00yyy", 4));
        assertEquals(null, PlainText.fit(null, 4));
    }

    @Test
    void flattenReplacesEachInvisibleCharacterWithASpace() {
        assertEquals("commande passée", PlainText.flatten(" commande" + RLO + "passée\u0007 "));
        assertEquals(null, PlainText.flatten("\u200E \t"));
    }
}
