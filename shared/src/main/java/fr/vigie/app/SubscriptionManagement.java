package fr.vigie.app;

import fr.vigie.domain.Excerpt;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Region;
import fr.vigie.domain.Violation;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.SubscriptionRecords;
import fr.vigie.port.Subscriptions;
import fr.vigie.port.Subscriptions.Listed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may subscribe to what, see and remove which subscription. A hospital (claim
 * {@code custom:facilityId}) subscribes its own facility only, never a region nor national events,
 * and sees and removes its own facility's email and SMS subscriptions; a national operator
 * subscribes a facility (one the registry holds, once it holds any), a region or the whole country and sees every subscription; a regional
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

    /**
     * The guards against abuse (issue 17): at most {@code perFacility} subscriptions for one
     * facility and {@code perOperator} created by one operator; at most {@code changesPerHour}
     * changes (subscribe, confirm, remove) by one caller per clock hour; an SMS code valid
     * {@code codeValidity} and {@code codeAttempts} wrong codes before the subscription is dropped.
     */
    public record Limits(int perFacility, int perOperator, int changesPerHour, Duration codeValidity, int codeAttempts) {
        public static final Limits DEFAULT = new Limits(10, 10, 30, Duration.ofMinutes(15), 5);
    }

    private final Subscriptions subscriptions;
    private final FacilityDirectory facilities;
    private final SubscriptionRecords records;
    private final Limits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SubscriptionManagement(Subscriptions subscriptions, FacilityDirectory facilities, SubscriptionRecords records, Limits limits,
                                  Clock clock) {
        this.subscriptions = subscriptions;
        this.facilities = facilities;
        this.records = records;
        this.limits = limits;
        this.clock = clock;
    }

    /** Refuses an account tied neither to a facility nor to the operators. */
    public void mayManage(Caller who) {
        if (!who.anyOperator() && who.facilityId() == null) {
            throw Refusal.forbidden("ce compte n'est rattaché à aucun établissement (claim custom:facilityId) ni au groupe operators");
        }
    }

    /**
     * Subscribes as asked, once the caller may, the subscription is valid (every invalid field
     * named) and within the caps. An email subscription awaits the link SNS mails; an SMS one is
     * held (it receives nothing) until the code sent to the number comes back ({@link #confirm}).
     */
    public Listed subscribe(Caller who, Request r) {
        mayManage(who);
        change(who);
        AlertSubscription.Scope scope;
        String target;
        if (who.hospital()) {
            if (r.region() != null) {
                throw Refusal.forbidden("un établissement ne s'abonne qu'à ses propres alertes, pas à celles d'une région");
            }
            if (r.facilityId() != null && r.facilityId().equalsIgnoreCase(who.facilityId()) && !r.facilityId().equals(who.facilityId())) {
                throw invalid(List.of(new Violation(null, "facilityId", "identifiant en majuscules attendu : " + who.facilityId())));
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
        AlertSubscription subscription = new AlertSubscription(r.channel(), AlertSubscription.normalEndpoint(r.channel(), r.endpoint()), scope,
                target, r.levels(), r.epidemics(), national);
        List<Violation> violations = subscription.violations();
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        if (scope == AlertSubscription.Scope.FACILITY && who.operator() && !facilities.isEmpty() && facilities.facility(target).isEmpty()) {
            // alerts carry the registry's ids: a typo would subscribe to nothing, silently (as reports, issue 16)
            throw invalid(List.of(new Violation(null, "facilityId", "établissement inconnu du registre : " + Excerpt.of(target))));
        }
        withinCaps(who, subscription);
        Listed created;
        if (subscription.channel() == AlertSubscription.Channel.SMS) {
            // the code is stored before the subscription: a held subscription without its code is one whose code expired
            String hold = UUID.randomUUID().toString();
            String code = String.format("%06d", random.nextInt(1_000_000));
            Instant expires = clock.instant().plus(limits.codeValidity());
            records.savePending(new SubscriptionRecords.PendingCode(hold, hash(hold, code), who.subject(), expires, 0, subscription));
            created = subscriptions.subscribeHeld(subscription, hold);
            subscriptions.sendHeld(subscription, hold, "Vigie : code de confirmation " + code + " pour recevoir les alertes par SMS. Valable "
                    + limits.codeValidity().toMinutes() + " minutes.");
        } else {
            created = subscriptions.subscribe(subscription);
        }
        if (created.id() != null) {
            records.recordOwner(created.id(), who.subject());
        }
        return created;
    }

    /**
     * Activates a held SMS subscription with the code its number received: the caller who asked
     * for it, before the code expires. A wrong code counts; after {@code codeAttempts} the
     * subscription is removed. An unknown, expired or another caller's code is NOT_FOUND.
     */
    public Listed confirm(Caller who, String id, String code) {
        mayManage(who);
        change(who);
        Listed held = subscriptions.find(id).filter(Listed::held).orElseThrow(() -> noCode(id));
        SubscriptionRecords.PendingCode pending = records.pending(held.hold()).filter(p -> p.owner().equals(who.subject()))
                .orElseThrow(() -> noCode(id));
        if (!pending.expiresAt().isAfter(clock.instant())) {
            drop(held);
            throw noCode(id);
        }
        if (code == null || !hash(held.hold(), code.strip()).equals(pending.codeHash())) {
            int failed = records.failedAttempt(held.hold());
            if (failed >= limits.codeAttempts()) {
                drop(held);
                throw Refusal.invalid("code incorrect " + failed + " fois : l'abonnement est supprimé, recréez-le pour recevoir un nouveau code",
                        List.of(new Violation(null, "code", "code incorrect")));
            }
            throw Refusal.invalid("code incorrect : " + (limits.codeAttempts() - failed) + " essai(s) restant(s)",
                    List.of(new Violation(null, "code", "code incorrect (6 chiffres reçus par SMS)")));
        }
        subscriptions.activate(id, pending.subscription());
        records.deletePending(held.hold());
        return subscriptions.find(id).orElseThrow(() -> noCode(id));
    }

    /**
     * The subscriptions, less the held ones whose code expired (or is gone with the table's TTL),
     * which are removed on the way: a number that never answered holds no place in the caps.
     */
    private List<Listed> live() {
        List<Listed> out = new ArrayList<>();
        Instant now = clock.instant();
        for (Listed s : subscriptions.list()) {
            if (s.held() && records.pending(s.hold()).filter(p -> p.expiresAt().isAfter(now)).isEmpty()) {
                drop(s);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static Refusal noCode(String id) {
        return Refusal.notFound("aucun code en attente pour l'abonnement " + id + " (inconnu, déjà confirmé, ou expiré) : "
                + "recréez l'abonnement pour recevoir un nouveau code");
    }

    private void drop(Listed s) {
        subscriptions.unsubscribe(s.id());
        records.forget(s.id());
        if (s.held()) {
            records.deletePending(s.hold());
        }
    }

    /** Counts a change of the caller; LIMIT (429) over the hourly allowance. */
    private void change(Caller who) {
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.HOURS);
        Instant next = window.plus(Duration.ofHours(1));
        if (!records.tryChange(who.subject(), window, next.plus(Duration.ofHours(1)), limits.changesPerHour())) {
            throw Refusal.limit("trop de modifications d'abonnements : " + limits.changesPerHour() + " par heure au plus ; réessayez après "
                    + DateTimeFormatter.ofPattern("HH:mm").format(next.atZone(Region.PARIS)) + " (heure de Paris)");
        }
    }

    /** QUOTA (409) when the facility has its maximum of subscriptions, or the operator has created its maximum. */
    private void withinCaps(Caller who, AlertSubscription subscription) {
        if (subscription.scope() == AlertSubscription.Scope.FACILITY) {
            long forFacility = live().stream()
                    .filter(s -> s.managedHere() && subscription.target().equals(s.facilityId())).count();
            if (forFacility >= limits.perFacility()) {
                throw Refusal.quota("l'établissement " + subscription.target() + " a déjà " + forFacility + " abonnements ("
                        + limits.perFacility() + " au plus) : supprimez-en un (DELETE /subscriptions/{id}) avant d'en ajouter un");
            }
        }
        if (who.anyOperator()) {
            int mine = records.countOwnedBy(who.subject());
            if (mine >= limits.perOperator()) {
                throw Refusal.quota("vous avez déjà créé " + mine + " abonnements (" + limits.perOperator()
                        + " au plus par opérateur) : supprimez-en un avant d'en ajouter un");
            }
        }
    }

    /** SHA-256 (hex) of the hold token (random, per subscription), a colon and the code: the code itself is never stored. */
    static String hash(String id, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((id + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The caller's subscriptions: every one for a national operator, its region's and its region's
     * facilities' email and SMS ones for a regional operator, its own facility's for a hospital.
     */
    public List<Listed> list(Caller who) {
        mayManage(who);
        List<Listed> out = new ArrayList<>();
        for (Listed s : live()) {
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
        change(who);
        Optional<Listed> found = subscriptions.find(id);
        if (found.isEmpty() || !visible(who, found.get())) {
            throw Refusal.notFound("aucun abonnement " + id + " parmi les vôtres");
        }
        if (!found.get().managedHere()) {
            throw Refusal.forbidden("cet abonnement technique (" + found.get().protocol() + ") est géré par l'infrastructure, pas par cette API");
        }
        drop(found.get());
        return found.get();
    }

    /** A 400 whose detail names the one wrong field, or counts them. */
    public static Refusal invalid(List<Violation> violations) {
        return Refusal.invalid(violations.size() == 1 ? "abonnement invalide : " + violations.get(0).field() + " : " + violations.get(0).message()
                : "abonnement invalide : " + violations.size() + " champs à corriger", violations);
    }
}
