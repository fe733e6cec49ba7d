package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSeasonArchive;
import fr.vigie.port.SeasonNotices;
import fr.vigie.adapter.retex.ReviewFiles;
import fr.vigie.app.RetexExport;
import fr.vigie.domain.Season;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./vigie retex --season 2025-2026 --out DIR [--db DIR]}: the season's review export
 * (docs/retex.md) from the database a replay left in DIR, written into the folder {@code --out}.
 */
final class RetexCommand {

    static final String USAGE = "./vigie retex --season 2025-2026 --out DOSSIER [--db DOSSIER]";
    static final Set<String> OPTIONS = Set.of("--season", "--out", "--db");

    private final PrintStream out;
    private final PrintStream err;

    RetexCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException, IOException {
        Arguments a = new Arguments(args, OPTIONS);
        String label = a.required("--season");
        Season season = Season.parse(label).orElseThrow(() -> new UsageException(
                "saison invalide : " + label + " (attendu : deux années qui se suivent, par exemple 2025-2026)"));
        Path folder = a.path("--out");
        Path dbPath = a.path("--db", ".vigie");
        if (!Files.exists(dbPath.resolve(LocalDatabase.FILE))) {
            throw new UsageException("aucune base dans " + dbPath + " : lancez d'abord ./vigie replay (--db " + dbPath + ")");
        }
        LocalFiles.folder(folder, "--out");
        RetexExport.Result result;
        try (LocalDatabase db = LocalDatabase.onDisk(dbPath)) {
            Progress progress = new Progress(err, "séries revues et rejouées sur la grille de seuils");
            result = new RetexExport(new DynamoSeasonArchive(db.client(), db.tables()),
                    SeasonNotices.of(new DynamoNoticeStore(db.client(), db.tables().registry())),
                    new DynamoFollowUps(db.client(), db.tables().alerts()))
                    .export(season, new ReviewFiles(name -> Files.newOutputStream(folder.resolve(name))), progress::show);
        }
        if (result.empty()) {
            err.println("vigie: rien à exporter : la base " + dbPath + " n'enregistre aucun établissement ou aucun dispositif"
                    + " (rejouez la saison avec cette version de ./vigie replay)");
            return 1;
        }
        if (result.snapshots() == 0) {
            err.println("vigie: aucun relevé enregistré pour la saison " + season.label() + " (du " + season.firstDay() + " au "
                    + season.lastDay() + ") : les fichiers sont vides");
        }
        out.println("RETEX de la saison " + season.label() + " écrit dans " + folder);
        out.printf("  établissements  %8d%n", result.facilities());
        out.printf("  dispositifs     %8d%n", result.devices());
        out.printf("  relevés         %8d%n", result.snapshots());
        out.printf("  alertes         %8d%n", result.alertEvents());
        out.printf("  tensions nationales %4d événement(s)%n", result.disruptionEvents());
        for (String file : RetexExport.TABLES) {
            out.println("  " + folder.resolve(file));
        }
        out.println("  " + folder.resolve(RetexExport.PROPOSED_WATCHLIST)
                + "  (la liste avec les seuils proposés : à relire, puis ./vigie watchlist import)");
        out.println("  " + folder.resolve(ReviewFiles.REPORT));
        // for whoever reads logs, in the log file (Main#logToFile), as the retex-export function logs retex_exported: the console speaks French
        LoggerFactory.getLogger(RetexCommand.class).atInfo().addKeyValue("season", season.label())
                .addKeyValue("facilities", result.facilities()).addKeyValue("devices", result.devices())
                .addKeyValue("snapshots", result.snapshots()).addKeyValue("alerts", result.alertEvents())
                .addKeyValue("disruptionEvents", result.disruptionEvents()).log("retex_summary");
        return 0;
    }
}
