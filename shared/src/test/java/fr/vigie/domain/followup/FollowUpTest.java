package fr.vigie.domain.followup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FollowUpTest {

    private static final Instant OPENED = Instant.parse("2025-11-20T05:00:00Z");

    @Test
    void anUnacknowledgedCriticalGoesToTheRegionThenTheNation() {
        EscalationRule rule = EscalationRule.DEFAULT;
        assertEquals(Optional.empty(), rule.due(OPENED, false, EscalationTier.NONE, OPENED.plus(Duration.ofHours(11))));
        assertEquals(Optional.of(EscalationTier.REGIONAL), rule.due(OPENED, false, EscalationTier.NONE, OPENED.plus(Duration.ofHours(12))));
        assertEquals(Optional.empty(), rule.due(OPENED, false, EscalationTier.REGIONAL, OPENED.plus(Duration.ofHours(35))));
        assertEquals(Optional.of(EscalationTier.NATIONAL), rule.due(OPENED, false, EscalationTier.REGIONAL, OPENED.plus(Duration.ofHours(36))));
        assertEquals(Optional.empty(), rule.due(OPENED, false, EscalationTier.NATIONAL, OPENED.plus(Duration.ofDays(9))));
    }

    @Test
    void anAcknowledgedCriticalNeverEscalates() {
        assertEquals(Optional.empty(), EscalationRule.DEFAULT.due(OPENED, true, EscalationTier.NONE, OPENED.plus(Duration.ofDays(3))));
    }

    @Test
    void aWatchlistEntryMaySetItsOwnRegionalDelay() {
        EscalationRule rule = EscalationRule.DEFAULT.withRegionalHours(4);
        assertEquals(Optional.of(EscalationTier.REGIONAL), rule.due(OPENED, false, EscalationTier.NONE, OPENED.plus(Duration.ofHours(4))));
        assertEquals(EscalationRule.DEFAULT, EscalationRule.DEFAULT.withRegionalHours(null));
    }

    @Test
    void neighboursAreOfTheSameRegionComfortableAndNearestFirst() {
        Neighbours.Candidate lille = new Neighbours.Candidate("CHU-HDF-01", "CHU de Lille", "32", 2, 50.63, 3.06, null);
        List<Neighbours.Candidate> holders = List.of(
                lille,
                new Neighbours.Candidate("CH-HDF-02", "CH d'Amiens", "32", 60, 49.89, 2.30, "pharmacie@amiens.example"),
                new Neighbours.Candidate("CH-HDF-03", "CH de Roubaix", "32", 45, 50.69, 3.18, "pui@roubaix.example"),
                new Neighbours.Candidate("CH-HDF-04", "CH de Calais", "32", 20, 50.95, 1.86, null),
                new Neighbours.Candidate("CH-HDF-05", "CH sans coordonnées", "32", 90, null, null, null),
                new Neighbours.Candidate("CHU-IDF-01", "AP-HP", "11", 200, 48.85, 2.35, null));
        List<String> ids = Neighbours.of(lille, holders, 14).stream().map(Neighbours.Candidate::facilityId).toList();
        assertEquals(List.of("CH-HDF-03", "CH-HDF-02", "CH-HDF-05"), ids,
                "Calais is under 2 x 14 days, Paris is another region, the unlocated one comes after the located ones");
    }

    @Test
    void aNoteIsPlainText() {
        Acknowledgement ack = new Acknowledgement("A#B#C", "u1", "facility", AckAction.URGENT_ORDER, " commande\npassée\u0007 ", OPENED);
        assertEquals("commande passée", ack.note());
        assertNull(new Acknowledgement("A#B#C", "u1", "facility", AckAction.OTHER, " \t ", OPENED).note());
        assertEquals(Acknowledgement.NOTE_MAX, new Acknowledgement("A", "u", "r", AckAction.OTHER, "x".repeat(900), OPENED).note().length());
        // a right-to-left override would show the rest of the email's acknowledgement line reversed
        assertEquals("commande passée à 9 h", new Acknowledgement("A", "u", "r", AckAction.OTHER,
                "commande\u202E passée\u2066 à 9 h\u200F", OPENED).note().replaceAll(" +", " "));
        // an emoji at the cut is one character, kept whole, never half stored (a lone surrogate became « ? »)
        String cut = new Acknowledgement("A", "u", "r", AckAction.OTHER, "x".repeat(Acknowledgement.NOTE_MAX - 1) + "\uD83D\uDE00 fin",
                OPENED).note();
        assertEquals("x".repeat(Acknowledgement.NOTE_MAX - 1) + "\uD83D\uDE00", cut);
        assertEquals("commande urgente passée", AckAction.ofCode("URGENT_ORDER").orElseThrow().label());
    }
}
