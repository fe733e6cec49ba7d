package fr.vigie.app;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Violation;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.Subscriptions;
import fr.vigie.port.Subscriptions.Listed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may subscribe to what, see and remove which subscription. A hospital (claim
 * {@code custom:facilityId}) subscribes its own facility only, never a region nor national events,
 * and sees and removes its own facility's email and SMS subscriptions; a national operator
 * subscribes a facility, a region or the whole country and sees every subscription; a regional
 * operator subscribes its region or one of its region's facilities (region from the registry),
 * never the country nor national events, and sees and removes the email and SMS subscriptions of
 * its region and its region's facilities. Anyone else is refused. Refusals are {@link Refusal}s in
 * French.
 */
public final class SubscriptionManagement {

    /**
     * A subscription as asked, fields already of their types (null: not given).
     * {@code nationalEvents} null means "the default": yes for a region or the country.
     */
    public record Request(AlertSubscription.Channel channel, String endpoint, String facilityId, String region,
                          Set<AlertLevel> levels, Set<Epidemic> epidemics, Boolean nationalEvents) {
    }

    private final Subscriptions subscriptions;
    private final FacilityDirectory facilities;

    public SubscriptionManagement(Subscriptions subscriptions, FacilityDirectory facilities) {
        this.subscriptions = subscriptions;
        this.facilities = facilities;
    }

    /** Refuses an account tied neither to a facility nor to the operators. */
    public void mayManage(Caller who) {
        if (!who.anyOperator() && who.facilityId() == null) {
            throw Refusal.forbidden("ce compte n'est rattaché à aucun établissement (claim custom:facilityId) ni au groupe operators");
        }
    }

    /** Subscribes as asked, once the caller may and the subscription is valid (every invalid field named). */
    public Listed subscribe(Caller who, Request r) {
        mayManage(who);
        AlertSubscription.Scope scope;
        String target;
        if (who.hospital()) {
            if (r.region() != null) {
                throw Refusal.forbidden("un établissement ne s'abonne qu'à ses propres alertes, pas à celles d'une région");
            }
            if (r.facilityId() != null && !r.facilityId().equals(who.facilityId())) {
                throw Refusal.forbidden("un établissement ne peut pas s'abonner aux alertes d'un autre établissement (" + r.facilityId() + ")");
            }
            if (Boolean.TRUE.equals(r.nationalEvents())) {
                throw Refusal.forbidden("les tensions nationales sont réservées aux opérateurs");
            }
            scope = AlertSubscription.Scope.FACILITY;
            target = who.facilityId();
        } else if (who.regionalOperator()) {
            if (Boolean.TRUE.equals(r.nationalEvents())) {
                throw Refusal.forbidden("les tensions nationales sont réservées aux opérateurs nationaux (groupe \"" + Caller.OPERATORS + "\")");
            }
            if (r.facilityId() != null && r.region() != null) {
                throw invalid(List.of(new Violation(null, "region", "indiquer facilityId ou region, pas les deux")));
            }
            if (r.facilityId() != null) {
                if (!who.operatesIn(facilities.regionOf(r.facilityId()).orElse(null))) {
                    throw Refusal.forbidden("l'établissement " + r.facilityId() + " n'est pas un établissement enregistré de votre région");
                }
                scope = AlertSubscription.Scope.FACILITY;
                target = r.facilityId();
            } else if (r.region() != null) {
                if (!who.operatesIn(r.region())) {
                    throw Refusal.forbidden("un opérateur régional ne s'abonne qu'aux alertes de sa région ("
                            + String.join(", ", who.operatorRegions().stream().sorted().toList()) + "), pas à celles de la région " + r.region());
                }
                scope = AlertSubscription.Scope.REGION;
                target = r.region();
            } else {
                throw Refusal.forbidden("un opérateur régional s'abonne pour sa région (\"region\": \""
                        + who.operatorRegions().stream().sorted().findFirst().orElseThrow() + "\") ou l'un de ses établissements, pas pour tout le pays");
            }
        } else if (r.facilityId() != null && r.region() != null) {
            throw invalid(List.of(new Violation(null, "region", "indiquer facilityId ou region, pas les deux")));
        } else if (r.facilityId() != null) {
            scope = AlertSubscription.Scope.FACILITY;
            target = r.facilityId();
        } else if (r.region() != null) {
            scope = AlertSubscription.Scope.REGION;
            target = r.region();
        } else {
            scope = AlertSubscription.Scope.NATIONAL;
            target = null;
        }
        boolean national = scope != AlertSubscription.Scope.FACILITY && !who.regionalOperator()
                && (r.nationalEvents() == null || r.nationalEvents());
        AlertSubscription subscription = new AlertSubscription(r.channel(), r.endpoint(), scope, target, r.levels(), r.epidemics(), national);
        List<Violation> violations = subscription.violations();
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return subscriptions.subscribe(subscription);
    }

    /**
     * The caller's subscriptions: every one for a national operator, its region's and its region's
     * facilities' email and SMS ones for a regional operator, its own facility's for a hospital.
     */
    public List<Listed> list(Caller who) {
        mayManage(who);
        List<Listed> out = new ArrayList<>();
        for (Listed s : subscriptions.list()) {
            if (visible(who, s)) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean visible(Caller who, Listed s) {
        if (who.operator()) {
            return true;
        }
        if (!s.managedHere()) {
            return false;
        }
        if (who.regionalOperator()) {
            return s.facilityId() != null ? who.operatesIn(facilities.regionOf(s.facilityId()).orElse(null)) : who.operatesIn(s.region());
        }
        return who.facilityId().equals(s.facilityId());
    }

    /**
     * Removes a subscription the caller may see; another facility's or region's is as unknown as
     * one that does not exist, a technical one (queue, function) is the infrastructure's.
     */
    public Listed remove(Caller who, String id) {
        mayManage(who);
        Optional<Listed> found = subscriptions.find(id);
        if (found.isEmpty() || !visible(who, found.get())) {
            throw Refusal.notFound("aucun abonnement " + id + " parmi les vôtres");
        }
        if (!found.get().managedHere()) {
            throw Refusal.forbidden("cet abonnement technique (" + found.get().protocol() + ") est géré par l'infrastructure, pas par cette API");
        }
        subscriptions.unsubscribe(id);
        return found.get();
    }

    /** A 400 whose detail names the one wrong field, or counts them. */
    public static Refusal invalid(List<Violation> violations) {
        return Refusal.invalid(violations.size() == 1 ? "abonnement invalide : " + violations.get(0).field() + " : " + violations.get(0).message()
                : "abonnement invalide : " + violations.size() + " champs à corriger", violations);
    }
}
