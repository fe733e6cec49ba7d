package fr.vigie.adapter.retex;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Region;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.DailyCoverage;
import fr.vigie.domain.retex.DeviceHistory;
import fr.vigie.domain.retex.FacilityReview;
import fr.vigie.domain.retex.Forewarning;
import fr.vigie.domain.retex.Recommendation;
import fr.vigie.domain.retex.SupplierShare;
import fr.vigie.domain.retex.ThresholdGrid;
import fr.vigie.domain.retex.ReviewTotals;
import fr.vigie.domain.retex.SeasonOverview;
import fr.vigie.domain.retex.SeriesReview;
import fr.vigie.domain.retex.SilenceGap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The season's report as one self-contained HTML page in French: key figures; per device the
 * national curve of the median facility's projected coverage with the worst facility beside it, and
 * one small curve per region (inline SVG, no script, no external font or style sheet), stock-outs,
 * alerts and unknown facilities marked day by day, capped values marked; a region × week heat map
 * of tension; per-region and per-facility tables (reporting completeness, silent facilities); the
 * what-if on thresholds and next season's list. Dates are the facilities' local days.
 */
public final class ReportPage {

    private static final Locale FR = Locale.FRENCH;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", FR);
    private static final DateTimeFormatter FIRST_OF_MONTH = DateTimeFormatter.ofPattern("MMM uuuu", FR);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", FR);
    private static final String CURVE = "#1f4e79";
    private static final String WARNING = "#e08a00";
    private static final String CRITICAL = "#c62828";
    private static final String WARNING_BAND = "#fdebc8";
    private static final String CRITICAL_BAND = "#f9d3d3";
    private static final String DISRUPTION = "#8a8a8a";
    private static final String WORST = "#b0413e";
    private static final String UNKNOWN = "#6d6d6d";
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("dd/MM/uuuu", FR);

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:24px auto;max-width:1360px;color:#222;padding:0 16px}
            h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 4px;border-bottom:2px solid #1f4e79;padding-bottom:4px}
            h3{font-size:15px;margin:14px 0 6px;color:#444}p.sub{color:#555;margin:0 0 16px}
            .figures{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
            .figure{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:130px;background:#fafafa}
            .figure b{display:block;font-size:22px}.figure span{font-size:12px;color:#555}
            .figure.bad b{color:#c62828}
            .legend{font-size:13px;color:#333;margin:8px 0 4px}.legend svg{vertical-align:middle;margin:0 4px 0 12px}
            .grid{display:grid;grid-template-columns:repeat(4,1fr);gap:6px}
            table{border-collapse:collapse;font-size:13px;margin:8px 0 4px;display:block;overflow-x:auto;max-width:100%}
            th,td{border:1px solid #ddd;padding:3px 6px}td{white-space:nowrap}th{background:#eef2f7;text-align:left;font-weight:600}
            td.n{text-align:right;font-variant-numeric:tabular-nums}tr.out td{background:#fdecec}
            p.note{font-size:12px;color:#555}p.nav{font-size:13px}a{color:#1f4e79}
            tr.now td{font-weight:600}tr.pick td{background:#e6f2e6}td.heat{text-align:center;min-width:22px;font-size:11px}
            td.unk{background:repeating-linear-gradient(45deg,#eee,#eee 3px,#ccc 3px,#ccc 6px)}
            """;

    private final SeasonOverview o;
    private final Writer out;
    private final int firstDay;
    private final int days;

    private ReportPage(SeasonOverview overview, Writer out) {
        this.o = overview;
        this.out = out;
        this.firstDay = overview.firstDay();
        this.days = overview.lastDay() - overview.firstDay() + 1;
    }

    public static void write(SeasonOverview overview, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        new ReportPage(overview, out).page();
        out.flush();
    }

    private void page() throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>RETEX saison " + o.season().label() + " — Vigie</title><style>" + STYLE + "</style></head><body>\n");
        header();
        contents();
        legend();
        nationalTable();
        thresholdVersions();
        heatMap();
        for (WatchlistEntry device : o.devices()) {
            deviceSection(device);
        }
        regionalTable();
        facilitiesTable();
        mostAffectedTable();
        whatIf();
        nextSeason();
        disruptionsTable();
        method();
        out.write("</body></html>\n");
    }

    private void header() throws IOException {
        int stockouts = 0;
        int stockoutDays = 0;
        int unannounced = 0;
        int alerts = 0;
        int critical = 0;
        int recoveries = 0;
        for (ReviewTotals t : o.national().values()) {
            stockouts += t.stockouts();
            stockoutDays += t.stockoutDays();
            unannounced += t.stockoutsWithoutAlert();
            alerts += t.alertsSent();
            critical += t.events(AlertLevel.CRITICAL);
            recoveries += t.events(AlertLevel.RECOVERED);
        }
        long silent = o.facilityReviews().stream().filter(f -> f.silentSince() != null).count();
        out.write("<h1>Retour d'expérience — saison " + o.season().label() + "</h1>\n");
        out.write("<p class=\"sub\">Saison du " + date(o.season().firstDay()) + " au " + date(o.season().lastDay())
                + " · relevés du " + date(o.season().day(o.firstDay())) + " au " + date(o.season().day(o.lastDay()))
                + " · " + o.facilities().size() + " établissements enregistrés, " + o.devices().size() + " dispositifs surveillés</p>\n");
        out.write("<div class=\"figures\">");
        figure(Long.toString(o.snapshots()), "relevés enregistrés", false);
        figure(Integer.toString(o.reporting()), "établissements ayant déclaré", false);
        figure(Long.toString(silent), "établissements devenus silencieux", silent > 0);
        figure(Integer.toString(alerts), "alertes envoyées (alerte ou critique)", false);
        figure(Integer.toString(critical), "dont alertes critiques", false);
        figure(Integer.toString(recoveries), "retours à la normale (non comptés en alertes)", false);
        figure(Integer.toString(stockouts), "ruptures de stock", stockouts > 0);
        figure(Integer.toString(stockoutDays), "jours-établissement en rupture", stockoutDays > 0);
        figure(Integer.toString(unannounced), "ruptures sans alerte préalable", unannounced > 0);
        long disruptions = o.disruptions().values().stream().flatMap(List::stream)
                .filter(e -> e.status() == DisruptionStatus.OPEN).count();
        figure(Long.toString(disruptions), "tensions nationales", disruptions > 0);
        out.write("</div>\n");
    }

    private void contents() throws IOException {
        StringBuilder links = new StringBuilder("<a href=\"#national\">synthèse nationale</a>");
        for (WatchlistEntry d : o.devices()) {
            links.append(" · <a href=\"#").append(anchor(d)).append("\">").append(esc(d.deviceId())).append("</a>");
        }
        links.append(" · <a href=\"#carte-tension\">carte de tension</a> · <a href=\"#regions\">par région</a>")
                .append(" · <a href=\"#etablissements\">par établissement</a> · <a href=\"#series\">séries les plus touchées</a>")
                .append(" · <a href=\"#simulation\">simulation des seuils</a> · <a href=\"#liste-prochaine-saison\">liste de la prochaine saison</a>")
                .append(" · <a href=\"#tensions\">tensions nationales</a> · <a href=\"#methode\">méthode</a>");
        out.write("<p class=\"nav\">Aller à : " + links + "</p>\n");
    }

    private static String anchor(WatchlistEntry d) {
        return "dispositif-" + d.deviceId();
    }

    private void figure(String value, String label, boolean bad) throws IOException {
        out.write("<div class=\"figure" + (bad ? " bad" : "") + "\"><b>" + value + "</b><span>" + esc(label) + "</span></div>");
    }

    private void legend() throws IOException {
        out.write("<div class=\"legend\">Lecture des courbes :"
                + swatch("<line x1=\"0\" y1=\"6\" x2=\"22\" y2=\"6\" stroke=\"" + CURVE + "\" stroke-width=\"2.5\"/>")
                + "couverture projetée de l'établissement médian (celle des alertes, livraisons attendues comprises)"
                + swatch("<line x1=\"0\" y1=\"6\" x2=\"22\" y2=\"6\" stroke=\"" + WORST + "\" stroke-width=\"1.2\"/>") + "établissement le plus bas"
                + swatch("<path d=\"M5 10 L11 2 L17 10 Z\" fill=\"" + CURVE + "\"/>") + "au-delà du plafond du graphique"
                + swatch("<rect width=\"22\" height=\"12\" fill=\"" + UNKNOWN + "\"/>") + "établissements sans relevé (inconnus)"
                + swatch("<rect width=\"22\" height=\"12\" fill=\"" + WARNING_BAND + "\"/>") + "sous le seuil d'alerte"
                + swatch("<rect width=\"22\" height=\"12\" fill=\"" + CRITICAL_BAND + "\"/>") + "sous le seuil critique"
                + swatch("<rect width=\"22\" height=\"12\" fill=\"" + CRITICAL + "\"/>") + "jour avec rupture (plus foncé = plus d'établissements)"
                + swatch("<rect width=\"22\" height=\"12\" fill=\"" + WARNING + "\"/>") + "jour avec alerte émise"
                + swatch("<rect width=\"22\" height=\"12\" fill=\"" + DISRUPTION + "\" fill-opacity=\"0.3\"/>") + "tension nationale"
                + "</div>\n");
    }

    private static String swatch(String shape) {
        return "<svg width=\"22\" height=\"12\" aria-hidden=\"true\">" + shape + "</svg>";
    }

    private void nationalTable() throws IOException {
        out.write("<h2 id=\"national\">Synthèse nationale par dispositif</h2>\n<table><tr><th>Dispositif</th>" + totalsHeader() + "</tr>\n");
        for (WatchlistEntry d : o.devices()) {
            ReviewTotals t = o.national().get(d.deviceId());
            out.write(row(t) + "<td>" + esc(d.name()) + " <small>(" + esc(d.deviceId()) + ")</small></td>" + totalsCells(d, t) + "</tr>\n");
        }
        out.write("</table>\n");
        if (!o.unobserved().isEmpty()) {
            out.write("<p class=\"note\" id=\"sans-releve\">Dispositifs de la liste sans aucun relevé pendant la saison (pas de ligne vide) : "
                    + esc(o.unobserved().stream().map(d -> d.name() + " (" + d.deviceId() + ")").collect(Collectors.joining(", "))) + ".</p>\n");
        }
    }

    /** The devices whose thresholds changed during the season: each day was judged by the version then in force. */
    private void thresholdVersions() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (WatchlistEntry d : o.devices()) {
            DeviceHistory h = o.watchlist().get(d.deviceId());
            List<DeviceHistory.Version> during = h.versions().stream()
                    .filter(v -> !v.since().isBefore(o.season().from()) && !v.since().isAfter(o.season().to())).toList();
            if (during.isEmpty() || during.size() == 1 && h.inForce(o.season().from()).thresholds().equals(during.get(0).entry().thresholds())) {
                continue;
            }
            StringBuilder text = new StringBuilder(thresholdsText(h.inForce(o.season().from())));
            for (DeviceHistory.Version v : during) {
                text.append(", puis ").append(thresholdsText(v.entry())).append(" à partir du ").append(shortDate(v.since()));
            }
            lines.append("<li>").append(esc(d.deviceId())).append(" : ").append(esc(text.toString())).append("</li>");
        }
        if (lines.length() > 0) {
            out.write("<p class=\"note\">Seuils modifiés pendant la saison (chaque jour est jugé avec les seuils alors en vigueur) :</p><ul>"
                    + lines + "</ul>\n");
        }
    }

    private static String thresholdsText(WatchlistEntry e) {
        return e.thresholds().warningDays() + " j / " + e.thresholds().criticalDays() + " j";
    }

    /** Region × week: the share of known facility-days under the warning threshold in force, all devices together. */
    private void heatMap() throws IOException {
        out.write("<h2 id=\"carte-tension\">Carte de tension : région × semaine</h2>\n<p class=\"note\">Part des jours-établissement "
                + "connus sous le seuil d'alerte en vigueur, tous dispositifs confondus ; hachuré : plus d'un jour-établissement "
                + "sur cinq inconnu (établissements sans relevé). Semaines commençant le lundi, jours locaux.</p>\n<div style=\"overflow-x:auto\"><table><tr><th>Région</th>");
        List<Integer> weekStarts = new ArrayList<>();
        for (int day = firstDay; day < firstDay + days; day++) {
            if (day == firstDay || o.season().day(day).getDayOfWeek().getValue() == 1) {
                weekStarts.add(day);
                out.write("<th title=\"semaine du " + shortDate(o.season().day(day)) + "\">" + o.season().day(day).getDayOfMonth()
                        + "/" + o.season().day(day).getMonthValue() + "</th>");
            }
        }
        out.write("</tr>\n");
        for (Map.Entry<String, Map<String, ReviewTotals>> region : o.regional().entrySet()) {
            out.write("<tr><td>" + esc(Region.labelOf(region.getKey())) + "</td>");
            for (int w = 0; w < weekStarts.size(); w++) {
                int from = weekStarts.get(w);
                int to = w + 1 < weekStarts.size() ? weekStarts.get(w + 1) : firstDay + days;
                long known = 0;
                long under = 0;
                long unknown = 0;
                for (ReviewTotals t : region.getValue().values()) {
                    for (int day = from; day < to; day++) {
                        known += t.curve().known(day);
                        under += t.curve().underWarning(day);
                        unknown += t.curve().unknown(day);
                    }
                }
                String title = "semaine du " + shortDate(o.season().day(from)) + " : " + under + " jour(s)-établ. sous alerte sur "
                        + known + " connu(s), " + unknown + " inconnu(s)";
                if (known == 0) {
                    out.write("<td class=\"heat unk\" title=\"" + esc(title) + "\">?</td>");
                    continue;
                }
                double share = (double) under / known;
                String cls = unknown * 5 > known + unknown ? "heat unk" : "heat";
                String style = unknown * 5 > known + unknown ? "" : " style=\"background:" + heat(share) + "\"";
                out.write("<td class=\"" + cls + "\"" + style + " title=\"" + esc(title) + "\">" + Math.round(100 * share) + "</td>");
            }
            out.write("</tr>\n");
        }
        out.write("</table></div>\n");
    }

    /** White at 0, deep red at 1. */
    private static String heat(double share) {
        int g = (int) Math.round(255 - 200 * Math.min(1, share));
        return String.format(Locale.ROOT, "rgb(255,%d,%d)", g, g);
    }

    private void regionalTable() throws IOException {
        out.write("<h2 id=\"regions\">Synthèse par région et dispositif</h2>\n<table><tr><th>Région</th><th>Dispositif</th>" + totalsHeader() + "</tr>\n");
        for (Map.Entry<String, Map<String, ReviewTotals>> region : o.regional().entrySet()) {
            for (WatchlistEntry d : o.devices()) {
                ReviewTotals t = region.getValue().get(d.deviceId());
                out.write(row(t) + "<td>" + esc(Region.labelOf(region.getKey())) + "</td><td>" + esc(d.deviceId()) + "</td>"
                        + totalsCells(d, t) + "</tr>\n");
            }
        }
        out.write("</table>\n");
    }

    private static String totalsHeader() {
        return "<th>Seuils alerte / critique (fin de saison)</th><th>Établ.</th><th>Jours-établ. inconnus</th>"
                + "<th>Couverture projetée min. d'un établ.</th><th>Min. de l'établ. médian</th><th>Jours de stock min. (7 j)</th>"
                + "<th>Jours-établ. sous alerte</th><th>Jours-établ. sous critique</th><th>Jours-établ. en rupture</th>"
                + "<th>Ruptures</th><th>dont sans alerte</th><th>Alertes (alerte)</th><th>Alertes (critique)</th><th>Retours à la normale</th>"
                + "<th>Avance moy. de l'alerte</th><th>Avance min.</th>";
    }

    private static String totalsCells(WatchlistEntry d, ReviewTotals t) {
        return num(thresholdsText(d)) + num(t.facilities()) + num(t.daysUnknown())
                + num(daysText(t.minCoverage())) + num(daysText(t.medianMinCoverage())) + num(daysText(t.minBurnRate()))
                + num(t.daysUnderWarning()) + num(t.daysUnderCritical()) + num(t.stockoutDays()) + num(t.stockouts())
                + num(t.stockoutsWithoutAlert()) + num(t.events(AlertLevel.WARNING)) + num(t.events(AlertLevel.CRITICAL))
                + num(t.events(AlertLevel.RECOVERED)) + num(daysText(t.leadMean())) + num(daysText(t.leadMin()));
    }

    /** Per facility, named: reporting completeness, silence, and what it went through. */
    private void facilitiesTable() throws IOException {
        out.write("<h2 id=\"etablissements\">Par établissement : complétude des déclarations</h2>\n<p class=\"note\">Complétude : part des "
                + "jours où chaque dispositif surveillé de l'établissement a un relevé. Un jour sans relevé au-delà de "
                + SeriesReview.CARRY_DAYS + " jours manqués est inconnu, jamais compté comme normal.</p>\n<table><tr><th>Établissement</th>"
                + "<th>Région</th><th>Dispositifs</th><th>Complétude</th><th>Jours-dispositif inconnus</th><th>Silencieux depuis le</th>"
                + "<th>Jours-disp. en rupture</th><th>Jours-disp. sous alerte</th><th>Alertes envoyées</th><th>Retours à la normale</th></tr>\n");
        List<FacilityReview> sorted = new ArrayList<>(o.facilityReviews());
        sorted.sort(Comparator.comparingDouble((FacilityReview f) -> f.completeness().orElse(1)));
        for (FacilityReview f : sorted) {
            boolean silent = f.silentSince() != null;
            out.write((silent ? "<tr class=\"out silent\">" : "<tr>") + "<td>" + esc(name(f.facility())) + "</td><td>"
                    + esc(Region.labelOf(f.facility().region())) + "</td>" + num(f.devices()) + num(percent(f.completeness()))
                    + num(f.daysUnknown()) + "<td>" + (silent ? esc(shortDate(f.silentSince()) + " (données inconnues depuis)") : "—")
                    + "</td>" + num(f.stockoutDays()) + num(f.daysUnderWarning()) + num(f.alertsSent()) + num(f.recoveries()) + "</tr>\n");
        }
        out.write("</table>\n");
        silences();
    }

    /** Each silence of the season (STALE_DATA, issue 22): the gap in the data, and whether it ended. */
    private void silences() throws IOException {
        if (o.silences().isEmpty()) {
            return;
        }
        out.write("<h3 id=\"interruptions\">Interruptions de données</h3>\n<p class=\"note\">Chaque silence annoncé (événement "
                + "STALE_DATA) : plus rien reçu au-delà du rythme habituel de l'établissement ou du dispositif (36 heures pour un envoi "
                + "quotidien). Les alertes ouvertes le sont restées.</p>\n<table><tr><th>Établissement</th><th>Région</th><th>Dispositif</th>"
                + "<th>Dernier relevé</th><th>Constatée le</th><th>Données revenues le</th><th>Jours sans données</th></tr>\n");
        for (SilenceGap g : o.silences()) {
            out.write((g.backOn() == null ? "<tr class=\"out silent\">" : "<tr>") + "<td>" + esc(name(g.facility())) + "</td><td>"
                    + esc(Region.labelOf(g.facility().region())) + "</td><td>" + esc(g.deviceId() == null ? "tous" : g.deviceId())
                    + "</td><td>" + esc(shortDate(g.lastSnapshot())) + "</td><td>" + esc(shortDate(g.noticedOn())) + "</td><td>"
                    + (g.backOn() == null ? "pas revenues" : esc(shortDate(g.backOn()))) + "</td>" + num(g.daysWithoutData()) + "</tr>\n");
        }
        out.write("</table>\n");
    }

    /** The what-if: per device, each pair of thresholds of the grid replayed over the season. */
    private void whatIf() throws IOException {
        out.write("<h2 id=\"simulation\">Simulation des seuils sur la saison</h2>\n<p class=\"note\">Les relevés de la saison rejoués "
                + "par la même évaluation que les alertes (même projection, même machine à niveaux) avec d'autres seuils. Une rupture "
                + "est prévenue quand une alerte était ouverte au moins " + ThresholdGrid.WARNED_AHEAD_DAYS + " jours de suite avant elle ; "
                + "ruptures à moins de 14 jours d'intervalle comptées une fois (comme score.py). En gras : seuils actuels ; en vert : "
                + "proposés.</p>\n");
        for (Map.Entry<String, ThresholdGrid> g : o.grids().entrySet()) {
            ThresholdGrid.Proposal p = g.getValue().propose();
            out.write("<h3>" + esc(g.getKey()) + "</h3>\n<table><tr><th>Seuil d'alerte</th><th>Seuil critique</th><th>Ruptures</th>"
                    + "<th>Prévenues ≥ " + ThresholdGrid.WARNED_AHEAD_DAYS + " j</th><th>Avance médiane</th><th>Jours d'alerte</th>"
                    + "<th>Messages</th></tr>\n");
            for (ThresholdGrid.Point point : g.getValue().points()) {
                boolean now = point.thresholds().equals(p.current().thresholds());
                boolean pick = point.thresholds().equals(p.proposed().thresholds()) && p.verdict() == ThresholdGrid.Verdict.CHANGE;
                out.write("<tr class=\"" + (now ? "now" : "") + (pick ? " pick" : "") + "\">" + num(point.thresholds().warningDays() + " j")
                        + num(point.thresholds().criticalDays() + " j") + num(point.crises()) + num(point.warned())
                        + num(daysText(point.medianLead())) + num(point.alertDays()) + num(point.messages()) + "</tr>\n");
            }
            out.write("</table>\n");
        }
    }

    /** Next season's list: thresholds proposed, devices to add or drop, supplier concentration, the season's national signals. */
    private void nextSeason() throws IOException {
        out.write("<h2 id=\"liste-prochaine-saison\">Liste de la prochaine saison</h2>\n<table><tr><th>Dispositif</th><th>Proposition</th>"
                + "<th>Seuils actuels</th><th>Seuils proposés</th><th>Ruptures</th><th>Prévenues ≥ " + ThresholdGrid.WARNED_AHEAD_DAYS
                + " j (actuels → proposés)</th><th>Jours d'alerte (actuels → proposés)</th><th>Pourquoi</th></tr>\n");
        for (Recommendation r : o.recommendations()) {
            out.write("<tr class=\"rec-" + r.action().name().toLowerCase(Locale.ROOT) + "\"><td>" + esc(r.name())
                    + (r.deviceId().isEmpty() ? "" : " <small>(" + esc(r.deviceId()) + ")</small>") + "</td><td>" + actionLabel(r.action())
                    + "</td>" + num(r.current() == null ? "—" : r.current().warningDays() + " j / " + r.current().criticalDays() + " j")
                    + num(r.proposed() == null ? "—" : r.proposed().warningDays() + " j / " + r.proposed().criticalDays() + " j")
                    + num(r.now() == null ? "—" : r.now().crises())
                    + num(r.now() == null ? "—" : r.now().warned() + " → " + r.then().warned())
                    + num(r.now() == null ? "—" : r.now().alertDays() + " → " + r.then().alertDays())
                    + "<td style=\"white-space:normal\">" + esc(r.reason()) + "</td></tr>\n");
        }
        out.write("</table>\n<h3 id=\"fournisseurs\">Concentration des fournisseurs (références de la liste)</h3>\n");
        if (o.suppliers().isEmpty()) {
            out.write("<p>Aucune référence fournisseur dans la liste : la concentration ne peut pas être estimée.</p>\n");
        } else {
            out.write("<table><tr><th>Fournisseur</th><th>Dispositifs</th><th>dont fournisseur unique</th><th>Établissements qui en dépendent sans alternative</th></tr>\n");
            for (SupplierShare s : o.suppliers()) {
                out.write((s.concentrated() ? "<tr class=\"out\">" : "<tr>") + "<td>" + esc(s.supplier()) + "</td><td>"
                        + esc(String.join(", ", s.devices())) + "</td><td>" + esc(s.soleSupplierOf().isEmpty() ? "—" : String.join(", ", s.soleSupplierOf()))
                        + "</td>" + num(s.facilities() + " / " + s.reportingFacilities() + " (" + Math.round(100 * s.facilityShare()) + " %)") + "</tr>\n");
            }
            out.write("</table>\n<p class=\"note\">En rouge : le seul fournisseur d'un dispositif que plus de la moitié des établissements déclarent (aucune référence de remplacement dans la liste).</p>\n");
        }
        out.write("<h3 id=\"signaux\">Signaux nationaux de la saison et avance donnée</h3>\n");
        if (o.forewarnings().isEmpty()) {
            out.write("<p>Aucune tension nationale ni aucun avis fabricant pendant la saison.</p>\n");
            return;
        }
        out.write("<table><tr><th>Annoncé le</th><th>Signal</th><th>Identifiant</th><th>Dispositif</th><th>Rupture suivante</th>"
                + "<th>Avance donnée</th></tr>\n");
        for (Forewarning f : o.forewarnings()) {
            out.write("<tr><td>" + shortDate(f.announced()) + "</td><td>" + esc(f.kind()) + "</td><td>" + esc(f.id()) + "</td><td>"
                    + esc(f.deviceId().isEmpty() ? "hors liste" : f.deviceId()) + "</td><td>"
                    + (f.nextStockout() == null ? "aucune" : shortDate(f.nextStockout())) + "</td>" + num(daysText(f.leadDays())) + "</tr>\n");
        }
        out.write("</table>\n");
    }

    private static String actionLabel(Recommendation.Action action) {
        return switch (action) {
            case KEEP -> "garder les seuils";
            case CHANGE -> "changer les seuils";
            case SUPPLY -> "agir sur l'approvisionnement";
            case DROP -> "à retirer ?";
            case ADD -> "à ajouter";
            case NO_DATA -> "aucune donnée";
        };
    }

    private static String percent(OptionalDouble share) {
        return share.isPresent() ? Math.round(100 * share.getAsDouble()) + " %" : "—";
    }

    private static String shortDate(LocalDate day) {
        return SHORT.format(day);
    }

    /** A national instant as a day of the national calendar (Europe/Paris). */
    private static String shortDate(Instant at) {
        return SHORT.format(at.atZone(Region.PARIS).toLocalDate());
    }

    private static String row(ReviewTotals t) {
        return t.stockouts() > 0 ? "<tr class=\"out\">" : "<tr>";
    }

    private void mostAffectedTable() throws IOException {
        out.write("<h2 id=\"series\">Établissements et dispositifs les plus touchés</h2>\n<p class=\"note\">Les " + o.mostAffected().size()
                + " séries aux plus nombreux jours de rupture, puis sous le seuil critique ; toutes les séries sont dans summary.csv.</p>\n");
        out.write("<table><tr><th>Établissement</th><th>Région</th><th>Dispositif</th><th>Couverture min.</th><th>Jours sous alerte</th>"
                + "<th>Jours sous critique</th><th>Jours en rupture</th><th>Ruptures</th><th>dont sans alerte</th>"
                + "<th>Alertes envoyées</th><th>Complétude</th><th>Avance de l'alerte avant chaque rupture</th></tr>\n");
        for (SeriesReview r : o.mostAffected()) {
            Facility f = o.facilities().get(r.series().facilityId());
            String leads = r.leads().stream().map(ReportPage::daysText).collect(Collectors.joining(", "));
            out.write((r.stockouts() > 0 ? "<tr class=\"out\">" : "<tr>") + "<td>" + esc(name(f)) + "</td><td>"
                    + esc(Region.labelOf(f == null ? null : f.region())) + "</td><td>" + esc(r.series().deviceId()) + "</td>"
                    + num(daysText(r.minCoverage())) + num(r.daysUnderWarning()) + num(r.daysUnderCritical()) + num(r.stockoutDays())
                    + num(r.stockouts()) + num(r.stockoutsWithoutAlert()) + num(r.events(AlertLevel.WARNING) + r.events(AlertLevel.CRITICAL))
                    + num(percent(r.completeness())) + "<td>" + esc(leads) + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    private void disruptionsTable() throws IOException {
        List<SupplyDisruptionEvent> events = o.disruptions().values().stream().flatMap(List::stream).toList();
        out.write("<h2 id=\"tensions\">Tensions nationales d'approvisionnement</h2>\n");
        if (events.isEmpty()) {
            out.write("<p>Aucune tension nationale détectée pendant la saison.</p>\n");
            return;
        }
        out.write("<table><tr><th>Date</th><th>Dispositif</th><th>Statut</th><th>Nature</th><th>Établissements touchés</th></tr>\n");
        for (SupplyDisruptionEvent e : events) {
            out.write("<tr><td>" + date(e.at().atZone(Region.PARIS).toLocalDate()) + "</td><td>" + esc(e.deviceId())
                    + "</td><td>" + statusLabel(e.status()) + "</td><td>" + esc(kindLabel(e)) + "</td><td>"
                    + esc(e.facilities().size() + " : " + String.join(", ", e.facilities())) + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    private void method() throws IOException {
        out.write("<h2 id=\"methode\">Méthode et fichiers</h2>\n<p class=\"note\">La couverture d'un établissement est la couverture "
                + "projetée des alertes : les jours que dure son stock à la consommation prévue, livraisons attendues comprises (la même "
                + "projection que celle qui déclenche les alertes) ; les « jours de stock » de la méthode de santé publique (stock ÷ "
                + "consommation moyenne des " + SeriesReview.RECENT_USE_DAYS + " derniers jours) sont donnés à côté. Les courbes montrent "
                + "l'établissement médian de la zone (au jour près) et, pour la France, l'établissement le plus bas ; un relevé manquant "
                + "est reporté " + SeriesReview.CARRY_DAYS + " jours au plus, au-delà l'établissement est inconnu, jamais compté comme normal. "
                + "Un jour est « sous alerte » ou « sous critique » quand un relevé du jour est strictement sous le seuil en vigueur ce "
                + "jour-là (la version de la liste alors en vigueur) ; un jour de rupture a un relevé à 0. L'avance d'une alerte est le "
                + "temps entre l'ouverture de l'alerte encore ouverte au début de la rupture et ce début (0 sans alerte ouverte). "
                + "« Alertes envoyées » compte les niveaux alerte et critique ; les retours à la normale sont comptés à part. "
                + "Les courbes sont plafonnées à trois fois le seuil d'alerte (120 jours au plus), un triangle marque les jours au-delà. "
                + "Dates : jours locaux de chaque établissement (heure de Paris pour la France et les tensions nationales).</p>\n"
                + "<p class=\"note\">Données complètes : snapshots.csv (chaque relevé), alerts.csv (chaque alerte), disruptions.csv "
                + "(chaque tension nationale), summary.csv (par établissement et dispositif), facilities.csv (par établissement), "
                + "summary-devices.csv, summary-regions.csv, whatif.csv (la simulation des seuils), recommendations.csv (la liste de "
                + "la prochaine saison), suppliers.csv — voir docs/retex.md.</p>\n");
    }

    private void deviceSection(WatchlistEntry d) throws IOException {
        List<int[]> periods = disruptionPeriods(o.disruptions().getOrDefault(d.deviceId(), List.of()));
        out.write("<h2 id=\"" + anchor(d) + "\">" + esc(d.name()) + " <small>(" + esc(d.deviceId()) + ")</small></h2>\n");
        out.write("<p class=\"sub\">Seuil d'alerte " + d.thresholds().warningDays() + " jours, seuil critique "
                + d.thresholds().criticalDays() + " jours de couverture</p>\n");
        ReviewTotals nation = o.national().get(d.deviceId());
        out.write(chart("France entière", nation, d, periods, 1320, 250, true));
        out.write("<h3>Par région <small>(R : jours-établ. de rupture, A : alertes, ? : jours-établ. inconnus)</small></h3>\n<div class=\"grid\">");
        for (Map.Entry<String, Map<String, ReviewTotals>> region : o.regional().entrySet()) {
            out.write(chart(Region.labelOf(region.getKey()), region.getValue().get(d.deviceId()), d, periods, 330, 160, false));
        }
        out.write("</div>\n");
    }

    /** Day spans [start, end] of the device's national disruptions, from their opening to their closing (or the last day). */
    private List<int[]> disruptionPeriods(List<SupplyDisruptionEvent> events) {
        Map<String, int[]> spans = new LinkedHashMap<>();
        for (SupplyDisruptionEvent e : events) {
            int day = o.season().dayIndex(e.at());
            int[] span = spans.computeIfAbsent(e.disruptionId(), id -> new int[]{day, o.lastDay()});
            if (e.status() == DisruptionStatus.CLOSED) {
                span[1] = day;
            }
        }
        return new ArrayList<>(spans.values());
    }

    /** One coverage chart: threshold bands, disruption spans, the curve, then a strip of stock-out days and one of alert days. */
    private String chart(String title, ReviewTotals totals, WatchlistEntry d, List<int[]> periods, int width, int height, boolean large) {
        DailyCoverage curve = totals.curve();
        int left = large ? 66 : 30;
        int right = 8;
        int top = large ? 22 : 32;
        int strip = large ? 9 : 6;
        int bottom = 3 * strip + 8 + (large ? 16 : 13);
        int plotH = height - top - bottom;
        double plotW = width - left - right;
        double dayW = plotW / days;
        int warning = d.thresholds().warningDays();
        int critical = d.thresholds().criticalDays();
        double ceiling = curve.ceiling();
        int font = large ? 12 : 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" style=\"max-width:100%;height:auto\"")
                .append(" role=\"img\" font-size=\"")
                .append(font).append("\" font-family=\"system-ui,Arial,sans-serif\"><title>")
                .append(esc(title + " — " + d.deviceId() + " : couverture projetée en jours")).append("</title>");
        s.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(f(plotW)).append("\" height=\"")
                .append(plotH).append("\" fill=\"#fff\" stroke=\"#bbb\"/>");
        double yWarning = y(warning, ceiling, top, plotH);
        double yCritical = y(critical, ceiling, top, plotH);
        double yZero = top + plotH;
        rect(s, left, yWarning, plotW, yCritical - yWarning, WARNING_BAND, 1, null);
        rect(s, left, yCritical, plotW, yZero - yCritical, CRITICAL_BAND, 1, null);
        for (int[] p : periods) {
            int from = Math.max(p[0], firstDay);
            int to = Math.min(p[1], firstDay + days - 1);
            if (from <= to) {
                rect(s, left + (from - firstDay) * dayW, top, (to - from + 1) * dayW, plotH, DISRUPTION, 0.22,
                        "tension nationale du " + date(o.season().day(p[0])) + " au " + date(o.season().day(p[1])));
            }
        }
        monthTicks(s, left, top, plotH, dayW, strip, font, large);
        for (int[] level : new int[][]{{warning, 0}, {critical, 1}}) {
            double yy = y(level[0], ceiling, top, plotH);
            s.append("<line x1=\"").append(left).append("\" x2=\"").append(f(left + plotW)).append("\" y1=\"").append(f(yy))
                    .append("\" y2=\"").append(f(yy)).append("\" stroke=\"").append(level[1] == 0 ? WARNING : CRITICAL)
                    .append("\" stroke-dasharray=\"4 3\"/>");
            label(s, left - 4, yy + font / 3.0, level[0] + " j", "end", level[1] == 0 ? WARNING : CRITICAL);
        }
        if (large) {
            label(s, left - 4, yZero + font / 3.0, "0", "end", "#555");
        }
        label(s, left - 4, top + font / 3.0, (int) ceiling + " j", "end", "#555");
        if (large) {
            s.append("<path class=\"worst\" fill=\"none\" stroke=\"").append(WORST).append("\" stroke-width=\"1.1\" d=\"")
                    .append(path(curve::worst, ceiling, left, top, plotH, dayW)).append("\"/>");
        }
        s.append("<path fill=\"none\" stroke=\"").append(CURVE).append("\" stroke-width=\"").append(large ? "2.2" : "1.6")
                .append("\" stroke-linejoin=\"round\" d=\"").append(path(curve::median, ceiling, left, top, plotH, dayW)).append("\"/>");
        capMarkers(s, curve, left, top, dayW);
        double stockoutY = yZero + 3;
        double alertY = stockoutY + strip + 2;
        double unknownY = alertY + strip + 2;
        int maxStockouts = 1;
        for (int day = firstDay; day < firstDay + days; day++) {
            maxStockouts = Math.max(maxStockouts, curve.stockouts(day));
        }
        for (int day = firstDay; day < firstDay + days; day++) {
            double x = left + (day - firstDay) * dayW;
            double w = Math.max(dayW, 1.5);
            if (curve.stockouts(day) > 0) {
                rect(s, x, stockoutY, w, strip, CRITICAL, 0.35 + 0.65 * curve.stockouts(day) / maxStockouts,
                        date(o.season().day(day)) + " : " + curve.stockouts(day) + " établissement(s) en rupture");
            }
            if (curve.alerts(day) > 0) {
                rect(s, x, alertY, w, strip, WARNING, 1, date(o.season().day(day)) + " : " + curve.alerts(day) + " alerte(s)");
            }
            int unknown = curve.unknown(day);
            if (unknown > 0) {
                rect(s, x, unknownY, w, strip, UNKNOWN, 0.25 + 0.75 * unknown / (unknown + curve.known(day)),
                        date(o.season().day(day)) + " : " + unknown + " établissement(s) sans relevé (inconnu)");
            }
        }
        label(s, left - 4, stockoutY + strip - 1, large ? "ruptures" : "R", "end", CRITICAL);
        label(s, left - 4, alertY + strip - 1, large ? "alertes" : "A", "end", WARNING);
        label(s, left - 4, unknownY + strip - 1, large ? "inconnus" : "?", "end", UNKNOWN);
        String minimum = totals.medianMinCoverage().isPresent() ? "médiane min. " + daysText(totals.medianMinCoverage()) : "aucune donnée";
        String figures = large ? minimum + " · plus bas " + daysText(totals.minCoverage()) + " · " + totals.stockoutDays()
                + " j-établ. en rupture · " + totals.alertsSent() + " alertes · " + totals.daysUnknown() + " j-établ. inconnus"
                : minimum + " · R " + totals.stockoutDays() + " · A " + totals.alertsSent() + " · ? " + totals.daysUnknown();
        s.append("<text x=\"").append(large ? left : 2).append("\" y=\"").append(large ? top - 7 : 12)
                .append("\" font-weight=\"600\" font-size=\"").append(font + 1).append("\">").append(esc(title)).append("</text>");
        if (large) {
            label(s, left + plotW, top - 7, figures, "end", "#444");
        } else {
            label(s, 2, 25, figures, "start", "#444");
        }
        return s.append("</svg>").toString();
    }

    private void monthTicks(StringBuilder s, int left, int top, int plotH, double dayW, int strip, int font, boolean large) {
        for (int day = firstDay; day < firstDay + days; day++) {
            LocalDate date = o.season().day(day);
            if (date.getDayOfMonth() != 1 && day != firstDay) {
                continue;
            }
            double x = left + (day - firstDay) * dayW;
            s.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(top + plotH).append("\" stroke=\"#e4e4e4\"/>");
            String text = large && (date.getMonthValue() == 1 || day == firstDay) ? MONTH.format(date) + " " + date.getYear() : MONTH.format(date);
            if (date.getDayOfMonth() == 1) {
                label(s, x + 2, top + plotH + 3 * strip + 7 + font, text, "start", "#555");
            }
        }
    }

    /** A triangle at the top of the plot where each run of days whose median is above the ceiling begins. */
    private void capMarkers(StringBuilder s, DailyCoverage curve, int left, int top, double dayW) {
        int run = -1;
        for (int day = firstDay; day <= firstDay + days; day++) {
            boolean capped = day < firstDay + days && curve.median(day).orElse(-1) >= curve.ceiling();
            if (capped && run < 0) {
                run = day;
            } else if (!capped && run >= 0) {
                double x = left + (run - firstDay + 0.5) * dayW;
                s.append("<path class=\"cap\" d=\"M").append(f(x - 4)).append(' ').append(f(top + 7.0)).append(" L").append(f(x))
                        .append(' ').append(f(top + 1.0)).append(" L").append(f(x + 4)).append(' ').append(f(top + 7.0))
                        .append(" Z\" fill=\"").append(CURVE).append("\"><title>").append(esc("au-delà de " + curve.ceiling() + " j du "
                                + date(o.season().day(run)) + " au " + date(o.season().day(day - 1)))).append("</title></path>");
                run = -1;
            }
        }
    }

    private String path(IntFunction<OptionalDouble> values, double ceiling, int left, int top, int plotH, double dayW) {
        StringBuilder d = new StringBuilder();
        boolean drawing = false;
        for (int day = firstDay; day < firstDay + days; day++) {
            OptionalDouble c = values.apply(day);
            if (c.isEmpty()) {
                drawing = false;
                continue;
            }
            d.append(drawing ? " L" : " M").append(f(left + (day - firstDay + 0.5) * dayW)).append(' ')
                    .append(f(y(c.getAsDouble(), ceiling, top, plotH)));
            drawing = true;
        }
        return d.toString().trim();
    }

    private static double y(double coverage, double ceiling, int top, int plotH) {
        return top + plotH * (1 - Math.min(coverage, ceiling) / ceiling);
    }

    private static void rect(StringBuilder s, double x, double y, double w, double h, String fill, double opacity, String title) {
        s.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w))
                .append("\" height=\"").append(f(h)).append("\" fill=\"").append(fill).append('"');
        if (opacity < 1) {
            s.append(" fill-opacity=\"").append(f(opacity)).append('"');
        }
        if (title == null) {
            s.append("/>");
        } else {
            s.append("><title>").append(esc(title)).append("</title></rect>");
        }
    }

    private static void label(StringBuilder s, double x, double y, String text, String anchor, String color) {
        s.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(color).append("\">").append(esc(text)).append("</text>");
    }

    private static String statusLabel(DisruptionStatus status) {
        return switch (status) {
            case OPEN -> "ouverte";
            case UPDATED -> "étendue";
            case CLOSED -> "close";
        };
    }

    private static String kindLabel(SupplyDisruptionEvent e) {
        return switch (e.kind()) {
            case DELAY -> "retards de livraison" + (e.typicalDelayDays() == null ? "" : " (" + e.typicalDelayDays() + " j typiques)");
            case ALLOCATION -> "livraisons rationnées" + (e.deliveredFraction() == null ? ""
                    : " (" + Math.round(100 * e.deliveredFraction()) + " % livrés)");
        };
    }

    private static String name(Facility f) {
        return f == null ? "?" : f.name() == null ? f.facilityId() : f.name() + " (" + f.facilityId() + ")";
    }

    private static String num(Object value) {
        return "<td class=\"n\">" + esc(String.valueOf(value)) + "</td>";
    }

    private static String daysText(OptionalDouble days) {
        return days.isPresent() ? daysText(days.getAsDouble()) : "—";
    }

    private static String daysText(double days) {
        return String.format(FR, "%.1f j", days);
    }

    /** "1er sept. 2025", "3 nov. 2025": the first of the month is written as the French write it. */
    private static String date(LocalDate day) {
        return day.getDayOfMonth() == 1 ? "1er " + FIRST_OF_MONTH.format(day) : DATE.format(day);
    }

    /** An SVG coordinate: a decimal point whatever the default locale, two decimals being finer than a pixel. */
    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
