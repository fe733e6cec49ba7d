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
     * The same draft with its texts shown to staff ({@code name}, {@code unit}, each alternative's {@code supplier},
     * {@code ref} and {@code note}) {@link PlainText#flatten flattened}: an entry stored before {@link PlainText}'s rule
     * was checked keeps being watched, its invisible characters read as spaces, rather than left out.
     */
    public WatchlistDraft withPlainText() {
        List<DeviceFollowUp.Alternative> plain = alternatives == null ? null : alternatives.stream()
                .map(a -> new DeviceFollowUp.Alternative(PlainText.flatten(a.supplier()), PlainText.flatten(a.ref()),
                        a.deviceId(), PlainText.flatten(a.note())))
                .toList();
        return new WatchlistDraft(deviceId, PlainText.flatten(name), epidemics, PlainText.flatten(unit), emdn, references,
                seasonStart, seasonEnd, warningDays, criticalDays, active, escalationHours, plain);
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
