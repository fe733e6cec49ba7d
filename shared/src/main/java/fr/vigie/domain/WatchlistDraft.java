package fr.vigie.domain;

import fr.vigie.domain.followup.DeviceFollowUp;

import java.time.MonthDay;
import java.util.List;

/**
 * A watch-list entry as received, before validation: every field may be missing (null) or hold
 * a wrong value. {@link WatchlistValidator} turns drafts into {@link WatchlistEntry} or violations.
 * Numbers are kept as text so that "21.5" or "abc" can be reported rather than silently cast.
 * {@code escalationHours} and {@code alternatives} are the optional follow-up settings ({@link DeviceFollowUp}).
 */
public record WatchlistDraft(
        String deviceId,
        String name,
        List<String> epidemics,
        String unit,
        String emdn,
        List<SupplierReference> references,
        String seasonStart,
        String seasonEnd,
        String warningDays,
        String criticalDays,
        Boolean active,
        String escalationHours,
        List<DeviceFollowUp.Alternative> alternatives) {

    /** A draft of the spec's fields only, without follow-up settings. */
    public WatchlistDraft(String deviceId, String name, List<String> epidemics, String unit, String emdn,
                          List<SupplierReference> references, String seasonStart, String seasonEnd, String warningDays,
                          String criticalDays, Boolean active) {
        this(deviceId, name, epidemics, unit, emdn, references, seasonStart, seasonEnd, warningDays, criticalDays, active,
                null, List.of());
    }

    /**
     * The same draft with its references as {@link SupplierReference#violations}' rules allow: a udiDi they refuse
     * (13 digits) is left out and its supplier and ref kept, since they still match a notice; a reference without
     * them is left out whole.
     */
    public WatchlistDraft withValidReferences() {
        List<SupplierReference> valid = references == null ? null : references.stream()
                .map(r -> SupplierReference.violations(deviceId, "references", List.of(r)).isEmpty() ? r
                        : new SupplierReference(r.supplier(), r.ref(), null))
                .filter(r -> SupplierReference.violations(deviceId, "references", List.of(r)).isEmpty()).toList();
        return new WatchlistDraft(deviceId, name, epidemics, unit, emdn, valid, seasonStart, seasonEnd, warningDays, criticalDays,
                active, escalationHours, alternatives);
    }

    /**
     * The same draft with its texts shown to staff ({@code name}, {@code unit}, each reference's and alternative's
     * {@code supplier} and {@code ref}, each alternative's {@code note}) {@link PlainText#fit fitted}: an entry stored
     * before {@link PlainText}'s rules were checked keeps being watched, its invisible characters read as spaces and
     * a text over its limit cut there, rather than left out.
     */
    public WatchlistDraft withPlainText() {
        List<SupplierReference> plainReferences = references == null ? null : references.stream()
                .map(r -> new SupplierReference(PlainText.fit(r.supplier(), PlainText.NAME_MAX), PlainText.fit(r.ref(), PlainText.NAME_MAX),
                        r.udiDi()))
                .toList();
        List<DeviceFollowUp.Alternative> plain = alternatives == null ? null : alternatives.stream()
                .map(a -> new DeviceFollowUp.Alternative(PlainText.fit(a.supplier(), PlainText.NAME_MAX), PlainText.fit(a.ref(), PlainText.NAME_MAX),
                        a.deviceId(), PlainText.fit(a.note(), PlainText.NOTE_MAX)))
                .toList();
        return new WatchlistDraft(deviceId, PlainText.fit(name, PlainText.NAME_MAX), epidemics, PlainText.fit(unit, PlainText.NAME_MAX),
                emdn, plainReferences, seasonStart, seasonEnd, warningDays, criticalDays, active, escalationHours, plain);
    }

    /**
     * The same draft with a season whose end equals its start (stored before {@link SeasonWindow} refused it) read
     * as the whole year from that start ({@link SeasonWindow#wholeYearFrom}): watching too long is safer than
     * watching one day a year or no longer watching at all.
     */
    public WatchlistDraft withWholeYearForEqualSeasonBounds() {
        MonthDay start = seasonStart == null ? null : WatchlistValidator.parseMonthDay(seasonStart);
        if (start == null || !seasonStart.equals(seasonEnd)) {
            return this;
        }
        MonthDay end = SeasonWindow.wholeYearFrom(start).end();
        return new WatchlistDraft(deviceId, name, epidemics, unit, emdn, references, seasonStart,
                String.format("%02d-%02d", end.getMonthValue(), end.getDayOfMonth()), warningDays, criticalDays, active,
                escalationHours, alternatives);
    }
}
