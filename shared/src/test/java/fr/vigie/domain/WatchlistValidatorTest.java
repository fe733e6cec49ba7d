package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchlistValidatorTest {

    private final WatchlistValidator validator = new WatchlistValidator();

    private static WatchlistDraft valid(String id) {
        return new WatchlistDraft(id, "Canule nasale haut debit pediatrique", List.of("BRONCHIOLITIS"), "piece", "R0302",
                List.of(), "10-01", "03-31", "21", "10", null);
    }

    private static List<String> fields(WatchlistDraft d) {
        return new WatchlistValidator().validate(d, "x").stream().map(Violation::field).toList();
    }

    @Test
    void aValidEntryBecomesAnActiveEntryWithItsSeasonAndThresholds() {
        WatchlistValidator.Result r = validator.validateAll(List.of(valid("HFNC-PED")));
        assertTrue(r.valid(), r.violations().toString());
        WatchlistEntry e = r.entries().get(0);
        assertTrue(e.active());
        assertEquals(new Thresholds(21, 10), e.thresholds());
        assertTrue(e.watchedOn(java.time.LocalDate.of(2026, 1, 15)), "the window wraps over 1 January");
        assertFalse(e.watchedOn(java.time.LocalDate.of(2026, 6, 15)));
    }

    @Test
    void deviceIdMustBeTwoToFortyOfUppercaseDigitsAndDashes() {
        assertEquals(List.of("deviceId"), fields(new WatchlistDraft("h", "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "21", "10", null)));
        assertEquals(List.of("deviceId"), fields(new WatchlistDraft("hfnc_ped", "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "21", "10", null)));
        assertEquals(List.of("deviceId"), fields(new WatchlistDraft("A".repeat(41), "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "21", "10", null)));
        assertEquals(List.of(), fields(new WatchlistDraft("A".repeat(40), "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "21", "10", null)));
    }

    @Test
    void epidemicsMustBeNonEmptyAndKnown() {
        assertEquals(List.of("epidemics"), fields(new WatchlistDraft("AB", "n", List.of(), "u", null, null, "10-01", "03-31", "21", "10", null)));
        assertEquals(List.of("epidemics"), fields(new WatchlistDraft("AB", "n", List.of("FLU", "MEASLES"), "u", null, null, "10-01", "03-31", "21", "10", null)));
    }

    @Test
    void seasonBoundsMustBeRealMonthDays() {
        assertEquals(List.of("season.start", "season.end"),
                fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "13-01", "02-30", "21", "10", null)));
        assertEquals(List.of("season.start"), fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, null, "03-31", "21", "10", null)));
    }

    @Test
    void aSeasonEndingOnItsFirstDayIsRefusedNamingSeasonEndAndHowToSayAWholeYear() {
        List<Violation> v = validator.validate(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "10-01", "10-01", "21", "10", null), "AB");
        assertEquals(List.of("season.end"), v.stream().map(Violation::field).toList());
        assertTrue(v.get(0).message().contains("09-30"), v.toString());
        assertThrows(IllegalArgumentException.class, () -> new SeasonWindow(java.time.MonthDay.of(10, 1), java.time.MonthDay.of(10, 1)));
        assertEquals(List.of(), fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "10-01", "09-30", "21", "10", null)));
    }

    @Test
    void theWholeYearFromADayEndsTheDayBeforeLeapDayIncluded() {
        assertEquals(new SeasonWindow(java.time.MonthDay.of(10, 1), java.time.MonthDay.of(9, 30)), SeasonWindow.wholeYearFrom(java.time.MonthDay.of(10, 1)));
        assertEquals(java.time.MonthDay.of(12, 31), SeasonWindow.wholeYearFrom(java.time.MonthDay.of(1, 1)).end());
        assertEquals(java.time.MonthDay.of(2, 29), SeasonWindow.wholeYearFrom(java.time.MonthDay.of(3, 1)).end());
        SeasonWindow year = SeasonWindow.wholeYearFrom(java.time.MonthDay.of(10, 1));
        for (java.time.LocalDate d = java.time.LocalDate.of(2027, 1, 1); d.getYear() < 2029; d = d.plusDays(1)) {
            assertTrue(year.contains(d), d.toString());
        }
    }

    @Test
    void thresholdsMustSatisfyZeroBelowCriticalBelowWarningAtMost365() {
        assertEquals(List.of("thresholds.criticalDays"), fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "10", "10", null)));
        assertEquals(List.of("thresholds.criticalDays"), fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "21", "0", null)));
        assertEquals(List.of("thresholds.warningDays"), fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "366", "10", null)));
        assertEquals(List.of("thresholds.warningDays"), fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "21.5", "10", null)));
        assertEquals(List.of(), fields(new WatchlistDraft("AB", "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "365", "1", null)));
    }

    @Test
    void requiredTextFieldsAndEmdnShapeAreChecked() {
        assertEquals(List.of("name", "unit", "emdn"), fields(new WatchlistDraft("AB", " ", List.of("FLU"), null, "r-03", null, "10-01", "03-31", "21", "10", null)));
    }

    @Test
    void referencesFollowTheNoticesRuleSoThatAUdiDiFoundInANoticeFindsTheEntry() {
        // the tester's w_udi_number.json: 13 digits (a spreadsheet lost the leading zero), an empty reference, "abc"
        WatchlistDraft d = new WatchlistDraft("HFNC-PED", "Canule", List.of("BRONCHIOLITIS"), "piece", "R0302",
                List.of(new SupplierReference("ACME", "OPT316", "9420012345678"), new SupplierReference(null, null, null),
                        new SupplierReference(null, null, "abc")), "09-01", "04-30", "21", "10", null);
        List<Violation> found = validator.validate(d, "HFNC-PED");
        assertEquals(List.of("references[0].udiDi", "references[1]", "references[2].supplier", "references[2].ref", "references[2].udiDi"),
                found.stream().map(Violation::field).toList());
        assertTrue(found.stream().allMatch(v -> v.entry().equals("HFNC-PED")));
        assertTrue(found.get(0).message().contains("9420012345678") && found.get(0).message().contains("14 chiffres"), found.get(0).message());
        assertFalse(validator.validateAll(List.of(d)).valid(), "the list is refused, not imported with a reference no notice can match");

        assertEquals(List.of(), fields(new WatchlistDraft("HFNC-PED", "Canule", List.of("BRONCHIOLITIS"), "piece", "R0302",
                List.of(new SupplierReference("ACME", "OPT316", "09420012345678"), new SupplierReference("ACME", "OPT317", null)),
                "09-01", "04-30", "21", "10", null)));
    }

    @Test
    void aDuplicateDeviceIdIsNamedAndNoEntryIsKeptFromAnInvalidList() {
        WatchlistValidator.Result r = validator.validateAll(List.of(valid("FFP2"), valid("FFP2")));
        assertFalse(r.valid());
        assertEquals(List.of(), r.entries());
        assertEquals("FFP2", r.violations().get(0).entry());
        assertEquals("deviceId", r.violations().get(0).field());
    }

    @Test
    void anEntryWithoutIdIsNamedByItsPosition() {
        WatchlistValidator.Result r = validator.validateAll(List.of(valid("FFP2"),
                new WatchlistDraft(null, "n", List.of("FLU"), "u", null, null, "10-01", "03-31", "21", "10", false)));
        assertEquals("#2", r.violations().get(0).entry());
    }
}
