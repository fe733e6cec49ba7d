package fr.vigie.app;

import fr.vigie.domain.Caller;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Season;
import fr.vigie.domain.TensionMap;
import fr.vigie.domain.notice.NoticeLead;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.OpenAlerts;

import java.util.List;

/**
 * Where tension is now ({@code GET /tension}, {@code ./vigie tension}): the open alerts by region and
 * device, worst first ({@link TensionMap}), regions from the facility registry. National operators
 * see the whole country, a regional operator its region(s) only; anyone else is refused. Beside
 * them, the season's manufacturers' notices with the lead each gave over the facilities' first
 * overdue or short delivery ({@link NoticeLeads}): a notice is national, every operator sees them all.
 */
public final class TensionView {

    /** How many alerts are open, the rows of the map, the season ({@code 2025-2026}) and its notices. */
    public record Tension(int openAlerts, List<TensionMap.Row> rows, String season, List<NoticeLead> notices) {
    }

    private final OpenAlerts alerts;
    private final FacilityDirectory facilities;
    private final NoticeLeads notices;

    public TensionView(OpenAlerts alerts, FacilityDirectory facilities, NoticeLeads notices) {
        this.alerts = alerts;
        this.facilities = facilities;
        this.notices = notices;
    }

    /** @throws Refusal forbidden to anyone but an operator, national or regional */
    public Tension now(Caller caller, Season season) {
        if (!caller.anyOperator()) {
            throw Refusal.forbidden("la carte des tensions est réservée aux opérateurs (groupe \"" + Caller.OPERATORS + "\" ou \""
                    + Caller.REGIONAL_OPERATORS_PREFIX + "<code région>\")");
        }
        List<OpenAlert> open = alerts.openAlerts();
        if (!caller.operator()) {
            open = open.stream().filter(a -> caller.operatesIn(facilities.regionOf(a.facilityId()).orElse(null))).toList();
        }
        return new Tension(open.size(), TensionMap.of(open, facilities::regionOf), season.label(), notices.season(season));
    }
}
