package fr.vigie.domain.retex;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Season;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.Recommendation.Action;
import fr.vigie.domain.retex.ThresholdGrid.Point;
import fr.vigie.domain.retex.ThresholdGrid.Proposal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Next season's list from the season's review (docs/retex.md): per device of the season's list,
 * the thresholds the what-if proposes and why, devices to drop (never under tension) or without
 * data, devices to add (a national disruption on a device outside the list, a manufacturer's notice
 * on a reference outside it), supplier concentration, and the lead each national signal gave.
 */
public final class NextSeasonList {

    /** Everything the RETEX learnt of the season, per device id. */
    public record Inputs(Season season, List<DeviceHistory> watchlist, Map<String, ThresholdGrid> grids,
                         Map<String, ReviewTotals> national, Map<String, Set<String>> facilitiesByDevice,
                         Map<String, List<SupplyDisruptionEvent>> disruptions, Map<String, List<Instant>> stockoutStarts,
                         List<SeasonNotice> notices) {
    }

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private NextSeasonList() {
    }

    /** One recommendation per device of the season's list, then one per device or notice to add. */
    public static List<Recommendation> recommendations(Inputs in) {
        List<Recommendation> out = new ArrayList<>();
        for (DeviceHistory h : in.watchlist()) {
            WatchlistEntry e = h.atEndOf(in.season());
            ThresholdGrid grid = in.grids().get(h.deviceId());
            ReviewTotals totals = in.national().get(h.deviceId());
            if (!h.listedDuring(in.season())) {
                List<SupplyDisruptionEvent> opened = in.disruptions().getOrDefault(h.deviceId(), List.of()).stream()
                        .filter(d -> d.status() == DisruptionStatus.OPEN).toList();
                if (!opened.isEmpty()) {
                    out.add(new Recommendation(h.deviceId(), e.name(), Action.ADD, null, null, null, null,
                            "hors liste pendant la saison, mais " + opened.size() + " tension(s) nationale(s), la première le "
                                    + day(opened.get(0).at()) + " (" + kind(opened.get(0).kind()) + ") : à remettre sous surveillance"));
                }
                continue;
            }
            if (grid == null || totals == null || totals.facilities() == 0) {
                out.add(new Recommendation(h.deviceId(), e.name(), Action.NO_DATA, e.thresholds(), null, null, null,
                        "aucun relevé pendant la saison : vérifier que les établissements le déclarent, ou le retirer de la liste"));
                continue;
            }
            out.add(proposal(h.deviceId(), e, grid.propose(), totals));
        }
        for (SeasonNotice n : in.notices()) {
            if (n.deviceIds().isEmpty()) {
                out.add(new Recommendation("", references(n.references()), Action.ADD, null, null, null, null,
                        "avis " + n.noticeId() + " (" + n.status() + ") du " + FRENCH_DATE.format(n.publishedAt())
                                + " sur une référence hors liste : à ajouter, ou la référence à rattacher à un dispositif"));
            }
        }
        return out;
    }

    private static Recommendation proposal(String deviceId, WatchlistEntry e, Proposal p, ReviewTotals totals) {
        Point now = p.current();
        Point then = p.proposed();
        String reason = switch (p.verdict()) {
            case NO_STOCKOUT -> totals.daysUnderWarning() == 0 && totals.alertsSent() == 0
                    ? "jamais sous tension cette saison (aucune rupture, aucun jour sous le seuil d'alerte, aucune alerte) :"
                    + " à retirer s'il en va de même plusieurs saisons"
                    : "aucune rupture cette saison : rien ne justifie de changer les seuils";
            case KEEP -> "les seuils actuels préviennent chacune des ruptures (" + now.crises() + ") au moins "
                    + ThresholdGrid.WARNED_AHEAD_DAYS + " jours avant, avec le moins de jours d'alerte de la grille ("
                    + now.alertDays() + ")";
            case CHANGE -> then.thresholds().warningDays() + " j / " + then.thresholds().criticalDays() + " j préviennent "
                    + then.warned() + "/" + then.crises() + " rupture(s) au moins " + ThresholdGrid.WARNED_AHEAD_DAYS
                    + " jours avant avec " + then.alertDays() + " jours d'alerte, contre " + now.warned() + "/" + now.crises()
                    + " et " + now.alertDays() + " jours d'alerte aujourd'hui";
            case SUPPLY -> "aucun couple de seuils de la grille ne prévient toutes les ruptures " + ThresholdGrid.WARNED_AHEAD_DAYS
                    + " jours avant (au mieux " + p.best().warned() + "/" + p.best().crises() + " avec "
                    + p.best().thresholds().warningDays() + " j / " + p.best().thresholds().criticalDays()
                    + " j) : problème d'approvisionnement, pas de seuil";
        };
        Action action = switch (p.verdict()) {
            case NO_STOCKOUT -> totals.daysUnderWarning() == 0 && totals.alertsSent() == 0 ? Action.DROP : Action.KEEP;
            case KEEP -> Action.KEEP;
            case CHANGE -> Action.CHANGE;
            case SUPPLY -> Action.SUPPLY;
        };
        return new Recommendation(deviceId, e.name(), action, now.thresholds(), action == Action.DROP ? null : then.thresholds(),
                now, then, reason);
    }

    /**
     * The season's list as it ended (entries listed during the season), with the thresholds of each
     * {@code CHANGE} recommendation applied: a file for the operators to review and import. Devices to
     * add or drop are left to them (the recommendations say which and why).
     */
    public static List<WatchlistEntry> proposedList(Inputs in, List<Recommendation> recommendations) {
        List<WatchlistEntry> out = new ArrayList<>();
        for (DeviceHistory h : in.watchlist()) {
            if (!h.listedDuring(in.season())) {
                continue;
            }
            WatchlistEntry e = h.atEndOf(in.season());
            Recommendation r = recommendations.stream().filter(x -> x.deviceId().equals(h.deviceId())).findFirst().orElse(null);
            if (r != null && r.action() == Action.CHANGE) {
                e = new WatchlistEntry(e.deviceId(), e.name(), e.epidemics(), e.unit(), e.emdn(), e.references(), e.season(),
                        r.proposed(), e.active(), e.followUp());
            }
            out.add(e);
        }
        return out;
    }

    /** Per supplier of the season's list (season's end versions), most facilities first. */
    public static List<SupplierShare> suppliers(Inputs in) {
        Map<String, Set<String>> devices = new TreeMap<>();
        Map<String, Set<String>> sole = new TreeMap<>();
        Set<String> reporting = new HashSet<>();
        in.facilitiesByDevice().values().forEach(reporting::addAll);
        for (DeviceHistory h : in.watchlist()) {
            WatchlistEntry e = h.atEndOf(in.season());
            if (!h.listedDuring(in.season())) {
                continue;
            }
            Set<String> names = new TreeSet<>(e.references().stream().map(SupplierReference::supplier).toList());
            for (String supplier : names) {
                devices.computeIfAbsent(supplier, s -> new TreeSet<>()).add(e.deviceId());
                if (names.size() == 1) {
                    sole.computeIfAbsent(supplier, s -> new TreeSet<>()).add(e.deviceId());
                }
            }
        }
        List<SupplierShare> out = new ArrayList<>();
        devices.forEach((supplier, ids) -> {
            // the list says which references a device has, not which one each facility buys: a facility depends on a
            // supplier for sure when it reports a device that supplier alone makes
            Set<String> facilities = new HashSet<>();
            sole.getOrDefault(supplier, Set.of()).forEach(id -> facilities.addAll(in.facilitiesByDevice().getOrDefault(id, Set.of())));
            out.add(new SupplierShare(supplier, List.copyOf(ids), List.copyOf(sole.getOrDefault(supplier, Set.of())),
                    facilities.size(), reporting.size()));
        });
        out.sort((a, b) -> Integer.compare(b.facilities(), a.facilities()));
        return out;
    }

    /** The national disruptions opened and the notices of the season, each with the next stock-out of its device. */
    public static List<Forewarning> forewarnings(Inputs in) {
        List<Forewarning> out = new ArrayList<>();
        in.disruptions().forEach((deviceId, events) -> events.stream().filter(d -> d.status() == DisruptionStatus.OPEN)
                .forEach(d -> out.add(new Forewarning("tension nationale — " + kind(d.kind()), d.disruptionId(), deviceId, d.at(),
                        next(in.stockoutStarts().getOrDefault(deviceId, List.of()), d.at())))));
        for (SeasonNotice n : in.notices()) {
            Instant at = n.publishedAt().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant next = null;
            for (String id : n.deviceIds()) {
                Instant candidate = next(in.stockoutStarts().getOrDefault(id, List.of()), at);
                next = candidate != null && (next == null || candidate.isBefore(next)) ? candidate : next;
            }
            out.add(new Forewarning("avis fabricant — " + n.status(), n.noticeId(), String.join(" ", n.deviceIds()), at, next));
        }
        out.sort((a, b) -> a.announced().compareTo(b.announced()));
        return out;
    }

    private static Instant next(Collection<Instant> starts, Instant from) {
        return starts.stream().filter(s -> !s.isBefore(from)).min(Instant::compareTo).orElse(null);
    }

    private static String kind(DisruptionKind kind) {
        return kind == DisruptionKind.DELAY ? "retards de livraison" : "livraisons rationnées";
    }

    private static String references(List<SupplierReference> refs) {
        return String.join(", ", refs.stream().map(r -> r.supplier() + " " + r.ref()).toList());
    }

    private static String day(Instant at) {
        return FRENCH_DATE.format(at.atZone(ZoneOffset.UTC).toLocalDate());
    }
}
