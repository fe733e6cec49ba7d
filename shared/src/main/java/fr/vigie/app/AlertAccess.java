package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Caller;
import fr.vigie.domain.followup.AlertReference;
import fr.vigie.port.AlertLog;
import fr.vigie.domain.Refusal;
import fr.vigie.port.FacilityDirectory;

/**
 * Who may act on a facility's alert (acknowledge it, see who could lend to it; issue 22): its own
 * hospital, the operators of its region, the national operators — nobody else, so that no hospital
 * sees another's alert and no neighbour list reaches a hospital of another region.
 */
public final class AlertAccess {

    /** The role a hospital acts in on its own alerts. */
    public static final String FACILITY_ROLE = "facility";

    /**
     * An alert someone may follow: its event, the role they act in, and whether it is the alert in
     * force ({@code open}: its series' last event, at WARNING or CRITICAL).
     */
    public record Followed(AlertEvent event, String role, boolean open) {
    }

    private final AlertLog alerts;
    private final FacilityDirectory facilities;

    public AlertAccess(AlertLog alerts, FacilityDirectory facilities) {
        this.alerts = alerts;
        this.facilities = facilities;
    }

    /**
     * The alert {@code alertId} as {@code caller} may follow it.
     *
     * @throws Refusal NOT_FOUND when the id names no recorded event (checked after the role, so that
     *                 nobody learns of another facility's alerts), FORBIDDEN as {@link #roleFor}
     */
    public Followed follow(Caller caller, String alertId) {
        AlertReference reference = AlertReference.parse(alertId).orElseThrow(() -> unknown(alertId));
        String role = roleFor(caller, reference.series().facilityId());
        AlertEvent event = alerts.events(reference.series(), reference.openedAt(), reference.openedAt()).stream()
                .filter(e -> e.alertId().equals(alertId)).findFirst().orElseThrow(() -> unknown(alertId));
        boolean open = event.level().isOpen()
                && alerts.lastEvent(reference.series()).map(e -> e.alertId().equals(alertId)).orElse(false);
        return new Followed(event, role, open);
    }

    private static Refusal unknown(String alertId) {
        return Refusal.notFound("aucune alerte " + alertId);
    }

    /**
     * The role {@code caller} acts in on {@code facilityId}'s alerts: {@code operators},
     * {@code operators-NN} (the facility's region), or {@value #FACILITY_ROLE}.
     *
     * @throws Refusal FORBIDDEN for anyone else
     */
    public String roleFor(Caller caller, String facilityId) {
        if (caller.operator()) {
            return Caller.OPERATORS;
        }
        if (caller.regionalOperator()) {
            String region = facilities.regionOf(facilityId).orElse(null);
            if (caller.operatesIn(region)) {
                return Caller.REGIONAL_OPERATORS_PREFIX + region;
            }
            throw Refusal.forbidden("un opérateur régional ne suit que les alertes des établissements de sa région");
        }
        if (caller.hospital() && caller.facilityId().equals(facilityId)) {
            return FACILITY_ROLE;
        }
        throw Refusal.forbidden("un établissement ne suit que ses propres alertes");
    }
}
