package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.dynamodb.DynamoSeasonArchive;
import fr.vigie.app.NoticeLeads;
import fr.vigie.app.ReportingView;
import fr.vigie.app.TensionView;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Region;
import fr.vigie.domain.StaleDataTexts;
import fr.vigie.domain.Season;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeLead;
import fr.vigie.domain.TensionMap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./vigie tension [--db DIR]}: where tension is at the end of what was replayed into DIR —
 * the open alerts by region and device, worst first, and the season's manufacturers' notices with the
 * lead each gave over the facilities' first overdue or short delivery, and who reports: each region's
 * reporting completeness and each facility's last report date, silent ones first (the same use case as the API's
 * GET /tension, for the national operator that whoever runs it locally is).
 */
final class TensionCommand {

    static final String USAGE = "./vigie tension [--season AAAA-AAAA] [--db DOSSIER]";
    static final Set<String> OPTIONS = Set.of("--db", "--season");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** Whoever runs ./vigie on its own database sees the whole country. */
    private static final Caller LOCAL_OPERATOR = new Caller("local", "local", Set.of(Caller.OPERATORS), null);

    private final PrintStream out;

    TensionCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageException, IOException {
        Arguments a = new Arguments(args, OPTIONS);
        Path dbPath = a.path("--db", ".vigie");
        String seasonLabel = a.optional("--season", null);
        Optional<Season> asked = seasonLabel == null ? Optional.empty() : Season.parse(seasonLabel);
        if (seasonLabel != null && asked.isEmpty()) {
            throw new UsageException("saison invalide : " + seasonLabel + " (attendu : AAAA-AAAA, ex. 2025-2026)");
        }
        if (!Files.exists(dbPath.resolve(LocalDatabase.FILE))) {
            throw new UsageException("aucune base dans " + dbPath + " : lancez d'abord ./vigie replay (--db " + dbPath + ")");
        }
        try (LocalDatabase db = LocalDatabase.onDisk(dbPath)) {
            DynamoNoticeStore notices = new DynamoNoticeStore(db.client(), db.tables().registry());
            // the latest notice's season by default (a replayed season is rarely today's)
            List<MatchedNotice> all = notices.published(LocalDate.MIN, LocalDate.MAX);
            Season season = asked.orElseGet(() -> Season.containing(all.isEmpty() ? LocalDate.now(ZoneOffset.UTC)
                    : all.get(all.size() - 1).notice().publishedAt()));
            TensionView.Tension tension = new TensionView(new DynamoAlertStore(db.client(), db.tables().alerts())::openAlerts,
                    new DynamoFacilityDirectory(db.client(), db.tables().registry()),
                    new NoticeLeads(notices, new DynamoSeasonArchive(db.client(), db.tables()))).now(LOCAL_OPERATOR, season);
            List<TensionMap.Row> rows = tension.rows();
            out.println("Tensions en cours : " + tension.openAlerts() + " alerte(s) ouverte(s)");
            if (!rows.isEmpty()) {
                out.printf("%-28s %-14s %9s %9s  %s%n", "Région", "Dispositif", "Critique", "Vigilance", "Établissements");
                rows.forEach(r -> out.printf("%-28s %-14s %9d %9d  %s%n", r.regionLabel(), r.deviceId(), r.critical(), r.warning(),
                        String.join(", ", r.facilities())));
            }
            printReporting(new ReportingView(new DynamoReportingLog(db.client(), db.tables().alerts()),
                    new DynamoFacilityDirectory(db.client(), db.tables().registry())).now(LOCAL_OPERATOR));
            if (asked.isPresent() || !all.isEmpty()) {
                printNotices(tension);
            }
        }
        return 0;
    }

    /** Each region's reporting completeness, then each facility's last report, silent ones first (issue 22). */
    private void printReporting(ReportingView.Reporting reporting) {
        if (reporting.facilities().isEmpty()) {
            return;
        }
        long current = reporting.facilities().stream().filter(ReportingView.FacilityRow::current).count();
        // silences are judged on the data's own clock (a replayed season is rarely today's): the latest report is "now"
        String reference = reporting.facilities().stream().map(ReportingView.FacilityRow::lastReport).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).map(at -> AlertTexts.day(at, Region.PARIS)).orElse(null);
        out.println();
        out.println("Remontée des données : " + current + "/" + reporting.facilities().size() + " établissement(s) à jour"
                + (reference == null ? "" : " au " + reference + " (date du dernier relevé reçu, pas la date du jour)"));
        out.printf("%-28s %14s %7s %11s%n", "Région", "Établissements", "À jour", "Complétude");
        reporting.regions().forEach(r -> out.printf(Locale.FRANCE, "%-28s %14d %7d %9.0f %%%n", r.regionLabel(), r.facilities(),
                r.current(), 100 * r.completeness()));
        out.printf("%-14s %-28s %-16s %s%n", "Établissement", "Région", "Dernière donnée", "État");
        reporting.facilities().forEach(f -> out.printf("%-14s %-28s %-16s %s%n", f.facilityId(), f.regionLabel(),
                f.lastReport() == null ? "-" : AlertTexts.day(f.lastReport(), Region.zoneOf(f.region())), state(f)));
    }

    private static String state(ReportingView.FacilityRow f) {
        if (f.lastReport() == null) {
            return "aucune donnée reçue";
        }
        if (f.silent()) {
            return "silencieux (" + StaleDataTexts.lastData(f.lastReport(), Region.zoneOf(f.region())) + ")";
        }
        return f.silentDevices().isEmpty() ? "à jour" : "à jour, sauf " + String.join(", ", f.silentDevices());
    }

    /** The season's manufacturers' notices beside the facilities' first overdue or short delivery. */
    private void printNotices(TensionView.Tension tension) {
        List<NoticeLead> leads = tension.notices();
        out.println();
        out.println("Avis de rupture de la saison " + tension.season() + " : " + leads.size());
        if (leads.isEmpty()) {
            return;
        }
        out.printf("%-13s %-10s %-26s %-22s %-10s %s%n", "Avis", "Publié le", "Statut", "Dispositifs", "1er signal", "Avance (j)");
        leads.forEach(l -> out.printf("%-13s %-10s %-26s %-22s %-10s %s%n", l.noticeId(), DAY.format(l.firstPublished()),
                l.status().french(), l.deviceIds().isEmpty() ? "(aucune entrée)" : String.join(", ", l.deviceIds()),
                l.firstSignal() == null ? "-" : DAY.format(LocalDate.ofInstant(l.firstSignal(), ZoneOffset.UTC)),
                l.leadDays() == null ? "-" : Integer.toString(l.leadDays())));
    }
}
