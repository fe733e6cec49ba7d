package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Violation;
import fr.vigie.domain.followup.AckAction;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.domain.followup.AlertReference;
import fr.vigie.port.Acknowledgements;
import fr.vigie.port.AlertLog;
import fr.vigie.port.FacilityDirectory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Seen, we act" (issue 22): a hospital acknowledges its own facility's open alert, a regional
 * operator one of its region's, a national operator any, with an action of {@link AckAction} and an
 * optional note. The acknowledgement is stored once with who, in which role and when, and audited in
 * the same write ({@link Acknowledgements}). Idempotent: the same person sending the same action and
 * note again gets the stored acknowledgement back. Refusals ({@link Refusal}): INVALID an unknown
 * action; FORBIDDEN another facility's or region's alert; NOT_FOUND an alert id that names no
 * recorded event; CONFLICT an alert no longer open (closed, or replaced by a later level) ;
 * EXISTS an alert already acknowledged otherwise.
 */
public final class AlertAcknowledgement {

    private static final Logger LOG = Logger.getLogger(AlertAcknowledgement.class.getName());

    /** The acknowledgement stored, and whether this call stored it (false: it was there already). */
    public record Outcome(Acknowledgement acknowledgement, boolean created) {
    }

    private final AlertLog alerts;
    private final Acknowledgements acknowledgements;
    private final FacilityDirectory facilities;

    public AlertAcknowledgement(AlertLog alerts, Acknowledgements acknowledgements, FacilityDirectory facilities) {
        this.alerts = alerts;
        this.acknowledgements = acknowledgements;
        this.facilities = facilities;
    }

    /**
     * @param alertId    the alert's id ({@code facilityId#deviceId#instant}, spec section 3)
     * @param actionCode one of {@link AckAction}'s names
     * @param note       free text, optional (cleaned and cut by {@link Acknowledgement})
     * @param now        when the acknowledgement is made (the wall clock)
     */
    public Outcome acknowledge(Caller caller, String alertId, String actionCode, String note, Instant now) {
        AckAction action = AckAction.ofCode(actionCode == null ? null : actionCode.strip()).orElseThrow(() -> Refusal.invalid(
                "action inconnue", List.of(new Violation(null, "action", "une valeur parmi " + Arrays.toString(AckAction.values())))));
        AlertReference reference = AlertReference.parse(alertId).orElseThrow(() -> unknown(alertId));
        SeriesKey series = reference.series();
        String role = roleFor(caller, series.facilityId());
        Instant at = reference.openedAt();
        boolean recorded = alerts.events(series, at, at).stream().anyMatch(e -> e.alertId().equals(alertId));
        if (!recorded) {
            throw unknown(alertId);
        }
        Optional<AlertEvent> last = alerts.lastEvent(series);
        if (last.isEmpty() || !last.get().alertId().equals(alertId) || !last.get().level().isOpen()) {
            throw Refusal.conflict("l'alerte " + alertId + " n'est plus ouverte (close ou remplacée par un niveau plus récent) : "
                    + "acquittez l'alerte en cours", -1);
        }
        Acknowledgement ack = new Acknowledgement(alertId, caller.who(), role, action, note, now);
        if (acknowledgements.record(ack)) {
            LOG.log(Level.INFO, "alert_acknowledged alertId={0} role={1} action={2}", new Object[]{alertId, role, action});
            return new Outcome(ack, true);
        }
        Acknowledgement stored = acknowledgements.of(alertId).orElseThrow();
        if (stored.by().equals(ack.by()) && stored.action() == ack.action() && java.util.Objects.equals(stored.note(), ack.note())) {
            return new Outcome(stored, false);
        }
        throw Refusal.exists("l'alerte " + alertId + " a déjà été acquittée par " + stored.by() + " (" + stored.action().label() + ")", -1);
    }

    /** The role the caller acknowledges in; FORBIDDEN when it may not act on the facility's alerts. */
    private String roleFor(Caller caller, String facilityId) {
        if (caller.operator()) {
            return Caller.OPERATORS;
        }
        if (caller.regionalOperator()) {
            String region = facilities.regionOf(facilityId).orElse(null);
            if (caller.operatesIn(region)) {
                return Caller.REGIONAL_OPERATORS_PREFIX + region;
            }
            throw Refusal.forbidden("un opérateur régional n'acquitte que les alertes des établissements de sa région");
        }
        if (caller.hospital() && caller.facilityId().equals(facilityId)) {
            return "facility";
        }
        throw Refusal.forbidden("un établissement n'acquitte que ses propres alertes");
    }

    private static Refusal unknown(String alertId) {
        return Refusal.notFound("aucune alerte " + alertId);
    }
}
