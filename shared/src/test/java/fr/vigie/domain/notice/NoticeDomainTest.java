package fr.vigie.domain.notice;

import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.Violation;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.NoticePressure;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec section 5: validation by index and field, the state of a notice on a day, matching, the hospital's texts. */
class NoticeDomainTest {

    static final SupplierReference ACME = new SupplierReference("ACME", "OPT316", "09420012345678");
    static final WatchlistEntry HFNC = entry("HFNC-PED", "Canule nasale haut débit pédiatrique", "R0302", List.of(ACME));
    static final WatchlistEntry NEB = entry("NEB-MASK-PED", "Masque de nébulisation pédiatrique", "R0305",
            List.of(new SupplierReference("FAB-ALTAMED", "EB778-S", null)));
    static final List<WatchlistEntry> LIST = List.of(HFNC, NEB);

    static WatchlistEntry entry(String id, String name, String emdn, List<SupplierReference> refs) {
        return new WatchlistEntry(id, name, Set.of(Epidemic.BRONCHIOLITIS), "piece", emdn, refs,
                new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true);
    }

    static NoticeDraft draft(String id, String published, String status, List<SupplierReference> refs, String emdn) {
        return new NoticeDraft(id, published, status, "DELAY", refs, emdn, "2025-11-10", "2025-12-20", "14", null,
                List.of(new SupplierReference("FAB-BRETMED", "NC210-M", null)), List.of());
    }

    static SupplyNotice notice(String published, NoticeStatus status, List<SupplierReference> refs, String emdn) {
        return new SupplyNotice("DM-2025-0142", LocalDate.parse(published), status, DisruptionKind.DELAY, refs, emdn,
                LocalDate.parse("2025-11-10"), LocalDate.parse("2025-12-20"), 14, null,
                List.of(new SupplierReference("FAB-BRETMED", "NC210-M", null)));
    }

    @Test
    void each_bad_record_is_named_by_index_and_field_and_the_others_are_kept() {
        NoticeValidator.Result r = new NoticeValidator().validateAll(List.of(
                draft("DM-2025-0142", "2025-11-03", "RISK", List.of(ACME), "R0302"),
                draft("DM-2025-0143", "2025-11-31", "RISK", List.of(ACME), null),
                draft("DM-2025-0144", "2025-11-03", "PEUT-ETRE", List.of(), null),
                draft("DM-2025-0145", "2025-11-03", "SHORTAGE", List.of(new SupplierReference("ACME", null, "123")), null)),
                java.time.Instant.parse("2025-11-03T09:00:00Z"));
        assertEquals(1, r.notices().size());
        assertEquals("DM-2025-0142", r.notices().get(0).noticeId());
        assertEquals(List.of("1:publishedAt", "2:status", "2:references", "3:references[0].ref", "3:references[0].udiDi"),
                r.violations().stream().map(v -> v.entry() + ":" + v.field()).toList());
        assertTrue(r.violations().stream().map(Violation::message).allMatch(m -> !m.isBlank()));
    }

    @Test
    void a_notice_on_a_day_is_its_latest_record_published_on_or_before_it_never_earlier() {
        MatchedNotice risk = new MatchedNotice(notice("2025-11-03", NoticeStatus.RISK, List.of(ACME), null), new NoticeMatch(List.of("HFNC-PED"), MatchedBy.UDI_DI));
        MatchedNotice shortage = new MatchedNotice(notice("2025-11-12", NoticeStatus.SHORTAGE, List.of(ACME), null), risk.match());
        MatchedNotice resolved = new MatchedNotice(notice("2025-12-20", NoticeStatus.RESOLVED, List.of(ACME), null), risk.match());
        NoticeBook book = new NoticeBook(List.of(resolved, shortage, risk));
        assertTrue(book.stateOn("DM-2025-0142", LocalDate.parse("2025-11-02")).isEmpty());
        assertEquals(NoticeStatus.RISK, book.stateOn("DM-2025-0142", LocalDate.parse("2025-11-03")).orElseThrow().notice().status());
        assertEquals(NoticeStatus.SHORTAGE, book.stateOn("DM-2025-0142", LocalDate.parse("2025-12-19")).orElseThrow().notice().status());
        assertTrue(book.atRisk("HFNC-PED", LocalDate.parse("2025-12-20")).isEmpty());
        assertTrue(book.atRisk("NEB-MASK-PED", LocalDate.parse("2025-11-15")).isEmpty());
        // an interruption announced for 10 November weighs from then, not from its publication
        assertNull(book.pressure("HFNC-PED", LocalDate.parse("2025-11-09")));
        NoticePressure p = book.pressure("HFNC-PED", LocalDate.parse("2025-11-10"));
        assertEquals(List.of("DM-2025-0142"), p.noticeIds());
        assertEquals(14, p.cuts().get(0).delayDays());
        assertEquals(risk, book.previous(shortage).orElseThrow());
    }

    @Test
    void the_lead_is_the_days_from_the_first_publication_to_the_first_overdue_or_short_delivery() {
        NoticeMatch hfnc = new NoticeMatch(List.of("HFNC-PED"), MatchedBy.UDI_DI);
        List<NoticeLead> leads = NoticeLead.of(List.of(
                new MatchedNotice(notice("2025-11-12", NoticeStatus.SHORTAGE, List.of(ACME), null), hfnc),
                new MatchedNotice(notice("2025-11-03", NoticeStatus.RISK, List.of(ACME), null), hfnc)),
                device -> java.util.Optional.of(java.time.Instant.parse("2025-11-08T05:00:00Z")));
        assertEquals(1, leads.size());
        assertEquals(LocalDate.parse("2025-11-03"), leads.get(0).firstPublished());
        assertEquals(NoticeStatus.SHORTAGE, leads.get(0).status());
        assertEquals(5, leads.get(0).leadDays());
        assertNull(NoticeLead.of(List.of(new MatchedNotice(notice("2025-11-03", NoticeStatus.RISK, List.of(ACME), null), hfnc)),
                device -> java.util.Optional.empty()).get(0).leadDays());
    }

    @Test
    void matched_by_udi_else_supplier_and_ref_else_emdn_and_kept_when_nothing_matches() {
        assertEquals(new NoticeMatch(List.of("HFNC-PED"), MatchedBy.UDI_DI),
                NoticeMatch.of(notice("2025-11-03", NoticeStatus.RISK, List.of(ACME), "R0305"), LIST));
        assertEquals(new NoticeMatch(List.of("HFNC-PED"), MatchedBy.SUPPLIER_REF),
                NoticeMatch.of(notice("2025-11-03", NoticeStatus.RISK, List.of(new SupplierReference("acme ", "OPT316", null)), null), LIST));
        // a UDI-DI no entry lists falls back on supplier and reference
        assertEquals(new NoticeMatch(List.of("NEB-MASK-PED"), MatchedBy.SUPPLIER_REF),
                NoticeMatch.of(notice("2025-11-03", NoticeStatus.RISK, List.of(new SupplierReference("FAB-ALTAMED", "EB778-S", "11111111111111")), null), LIST));
        assertEquals(new NoticeMatch(List.of("NEB-MASK-PED"), MatchedBy.EMDN),
                NoticeMatch.of(notice("2025-11-03", NoticeStatus.RISK, List.of(new SupplierReference("OTHER", "X1", null)), "R0305"), LIST));
        // alternatives are never matched: the notice's own reference is unknown, so nothing is
        SupplyNotice unknown = notice("2025-11-03", NoticeStatus.RISK, List.of(new SupplierReference("OTHER", "X1", null)), null);
        assertEquals(NoticeMatch.NONE, NoticeMatch.of(new SupplyNotice(unknown.noticeId(), unknown.publishedAt(), unknown.status(),
                unknown.kind(), unknown.references(), null, null, null, null, null, List.of(ACME)), LIST));
    }

    @Test
    void the_hospital_reads_french_with_the_alternatives_and_the_sms_fits_one_gsm7_message() {
        SupplyNotice n = notice("2025-11-03", NoticeStatus.SHORTAGE, List.of(ACME), null);
        String body = NoticeTexts.emailBody(n, HFNC);
        assertTrue(body.contains("Canule nasale haut débit pédiatrique (HFNC-PED)"), body);
        assertTrue(body.contains("publié le 03/11/2025 : rupture"), body);
        assertTrue(body.contains("Fin prévue : 20/12/2025"), body);
        assertTrue(body.contains("Alternatives proposées : FAB-BRETMED NC210-M"), body);
        String sms = NoticeTexts.sms(n, HFNC);
        assertTrue(sms.length() <= AlertTexts.SMS_LIMIT, sms.length() + " " + sms);
        assertTrue(AlertTexts.isGsm7(sms), sms);
        assertEquals("Vigie avis DM-2025-0142 rupture Canule nasale haut débit pédiatrique du 03/11/2025 : livraisons en retard"
                + " d'environ 14 j. Alternative : FAB-BRETMED NC210-M.", sms);
        SupplyNotice many = new SupplyNotice(n.noticeId(), n.publishedAt(), n.status(), DisruptionKind.ALLOCATION, n.references(), null,
                null, null, null, 0.25, List.of(new SupplierReference("FAB-BRETMED-INTERNATIONAL", "NC210-M-LONGUE-REFERENCE", null),
                new SupplierReference("FAB-GALIENA-SANTE", "ALT407-S-TRES-LONGUE", null), new SupplierReference("FAB-IRISAN", "RF260-L", null)));
        String cut = NoticeTexts.sms(many, HFNC);
        assertTrue(cut.length() <= AlertTexts.SMS_LIMIT && AlertTexts.isGsm7(cut), cut);
        assertTrue(cut.contains("livraisons rationnées (25 % livré)"), cut);
        SupplyNotice two = new SupplyNotice(n.noticeId(), n.publishedAt(), NoticeStatus.RESOLVED, n.kind(), n.references(), null, null, null,
                n.expectedDelayDays(), null, List.of(n.alternatives().get(0), new SupplierReference("FAB-IRISAN", "RF260-L", null)));
        assertTrue(NoticeTexts.sms(two, HFNC).endsWith(" Alternatives : FAB-BRETMED NC210-M, FAB-IRISAN RF260-L."), NoticeTexts.sms(two, HFNC));
    }
}
