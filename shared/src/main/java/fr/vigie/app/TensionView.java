package fr.vigie.app;

import fr.vigie.domain.Caller;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.TensionMap;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.OpenAlerts;

import java.util.List;

/**
 * Where tension is now ({@code GET /tension}, {@code ./vigie tension}): the open alerts by region and
 * device, worst first ({@link TensionMap}), regions from the facility registry. National operators
 * see the whole country, a regional operator its region(s) only; anyone else is refused.
 */
public final class TensionView {

    /** How many alerts are open, and the rows of the map. */
    public record Tension(int openAlerts, List<TensionMap.Row> rows) {
    }

    private final OpenAlerts alerts;
    private final FacilityDirectory facilities;

    public TensionView(OpenAlerts alerts, FacilityDirectory facilities) {
        this.alerts = alerts;
        this.facilities = facilities;
    }

    public Tension now(Caller caller) {
        if (!caller.anyOperator()) {
            throw Refusal.forbidden("la carte des tensions est réservée aux opérateurs (groupe \"" + Caller.OPERATORS + "\" ou \""
                    + Caller.REGIONAL_OPERATORS_PREFIX + "<code région>\")");
        }
        List<OpenAlert> open = alerts.openAlerts();
        if (!caller.operator()) {
            open = open.stream().filter(a -> caller.operatesIn(facilities.regionOf(a.facilityId()).orElse(null))).toList();
        }
        return new Tension(open.size(), TensionMap.of(open, facilities::regionOf));
    }
}
