package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSeasonArchive;
import fr.vigie.app.NoticeLeads;
import fr.vigie.domain.OpenAlert;
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
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./vigie tension [--db DIR]}: where tension is at the end of what was replayed into DIR —
 * the open alerts by region and device, worst first, and the season's manufacturers' notices with the
 * lead each gave over the facilities' first overdue or short delivery (the same view as the API's GET /tension).
 */
final class TensionCommand {

    static final String USAGE = "./vigie tension [--season AAAA-AAAA] [--db DOSSIER]";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private final PrintStream out;

    TensionCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageException, IOException {
        Arguments a = new Arguments(args, Set.of("--db", "--season"));
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
            List<OpenAlert> open = new DynamoAlertStore(db.client(), db.tables().alerts()).openAlerts();
            List<TensionMap.Row> rows = TensionMap.of(open, new DynamoFacilityDirectory(db.client(), db.tables().registry())::regionOf);
            out.println("Tensions en cours : " + open.size() + " alerte(s) ouverte(s)");
            if (!rows.isEmpty()) {
                out.printf("%-28s %-14s %9s %9s  %s%n", "Région", "Dispositif", "Critique", "Vigilance", "Établissements");
                rows.forEach(r -> out.printf("%-28s %-14s %9d %9d  %s%n", r.regionLabel(), r.deviceId(), r.critical(), r.warning(),
                        String.join(", ", r.facilities())));
            }
            printNotices(db, asked);
        }
        return 0;
    }

    /** The season's manufacturers' notices beside the facilities' first overdue or short delivery (the latest notice's season by default). */
    private void printNotices(LocalDatabase db, Optional<Season> asked) {
        DynamoNoticeStore store = new DynamoNoticeStore(db.client(), db.tables().registry());
        List<MatchedNotice> all = store.published(LocalDate.MIN, LocalDate.MAX);
        Optional<Season> season = asked.or(() -> all.isEmpty() ? Optional.empty()
                : Optional.of(Season.containing(all.get(all.size() - 1).notice().publishedAt())));
        if (season.isEmpty()) {
            return;
        }
        List<NoticeLead> leads = new NoticeLeads(store, new DynamoSeasonArchive(db.client(), db.tables())).season(season.get());
        out.println();
        out.println("Avis de rupture de la saison " + season.get().label() + " : " + leads.size());
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
