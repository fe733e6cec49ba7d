package fr.vigie.app;

import fr.vigie.domain.Caller;
import fr.vigie.domain.PlainText;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Violation;
import fr.vigie.domain.followup.AckAction;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.port.Acknowledgements;
import fr.vigie.port.AlertLog;
import fr.vigie.port.FacilityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * "Seen, we act" (issue 22): a hospital acknowledges its own facility's open alert, a regional
 * operator one of its region's, a national operator any, with an action of {@link AckAction} and an
 * optional note. The acknowledgement is stored once with who, in which role and when, and audited in
 * the same write ({@link Acknowledgements}). Idempotent: the same person sending the same action and
 * note again gets the stored acknowledgement back. Refusals ({@link Refusal}): INVALID an unknown
 * action or a note over {@link PlainText#NOTE_MAX} characters; FORBIDDEN another facility's or region's alert; NOT_FOUND an alert id that names no
 * recorded event; CONFLICT an alert no longer open (closed, or replaced by a later level) ;
 * EXISTS an alert already acknowledged otherwise.
 */
public final class AlertAcknowledgement {

    private static final Logger LOG = LoggerFactory.getLogger(AlertAcknowledgement.class);

    /** The acknowledgement stored, and whether this call stored it (false: it was there already). */
    public record Outcome(Acknowledgement acknowledgement, boolean created) {
    }

    private final Acknowledgements acknowledgements;
    private final AlertAccess access;

    public AlertAcknowledgement(AlertLog alerts, Acknowledgements acknowledgements, FacilityDirectory facilities) {
        this.acknowledgements = acknowledgements;
        this.access = new AlertAccess(alerts, facilities);
    }

    /**
     * @param alertId    the alert's id ({@code facilityId#deviceId#instant}, spec section 3)
     * @param actionCode one of {@link AckAction}'s names
     * @param note       free text, optional: refused (INVALID, field {@code note}) over {@link PlainText#NOTE_MAX}
     *                   characters, its invisible characters read as spaces ({@link Acknowledgement})
     * @param now        when the acknowledgement is made (the wall clock)
     */
    public Outcome acknowledge(Caller caller, String alertId, String actionCode, String note, Instant now) {
        AckAction action = AckAction.ofCode(actionCode == null ? null : actionCode.strip()).orElseThrow(() -> Refusal.invalid(
                "action inconnue", List.of(new Violation(null, "action", "une valeur parmi " + Arrays.toString(AckAction.values())))));
        // a note cut without a word would lose what the person wrote last: refused, to be shortened by its author
        PlainText.refusal(PlainText.flatten(note), PlainText.NOTE_MAX).ifPresent(why -> {
            throw Refusal.invalid("note trop longue", List.of(new Violation(null, "note", why)));
        });
        AlertAccess.Followed alert = access.follow(caller, alertId);
        if (!alert.open()) {
            throw Refusal.conflict("l'alerte " + alertId + " n'est plus ouverte (close ou remplacée par un niveau plus récent) : "
                    + "acquittez l'alerte en cours", -1);
        }
        String role = alert.role();
        Acknowledgement ack = new Acknowledgement(alertId, caller.who(), role, action, note, now);
        if (acknowledgements.record(ack)) {
            LOG.atInfo().addKeyValue("alertId", alertId).addKeyValue("role", role).addKeyValue("action", action).log("alert_acknowledged");
            return new Outcome(ack, true);
        }
        Acknowledgement stored = acknowledgements.of(alertId).orElseThrow();
        if (stored.by().equals(ack.by()) && stored.action() == ack.action() && java.util.Objects.equals(stored.note(), ack.note())) {
            return new Outcome(stored, false);
        }
        throw Refusal.exists("l'alerte " + alertId + " a déjà été acquittée par " + stored.by() + " (" + stored.action().label() + ")", -1);
    }
}
