package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.app.TensionView;
import fr.vigie.domain.Caller;
import fr.vigie.domain.TensionMap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./vigie tension [--db DIR]}: where tension is at the end of what was replayed into DIR —
 * the open alerts by region and device, worst first (the same use case as the API's GET /tension,
 * for the national operator that whoever runs it locally is).
 */
final class TensionCommand {

    static final String USAGE = "./vigie tension [--db DOSSIER]";

    /** Whoever runs ./vigie on its own database sees the whole country. */
    private static final Caller LOCAL_OPERATOR = new Caller("local", "local", Set.of(Caller.OPERATORS), null);

    private final PrintStream out;

    TensionCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws UsageException, IOException {
        Path dbPath = new Arguments(args, Set.of("--db")).path("--db", ".vigie");
        if (!Files.exists(dbPath.resolve(LocalDatabase.FILE))) {
            throw new UsageException("aucune base dans " + dbPath + " : lancez d'abord ./vigie replay (--db " + dbPath + ")");
        }
        try (LocalDatabase db = LocalDatabase.onDisk(dbPath)) {
            TensionView.Tension tension = new TensionView(new DynamoAlertStore(db.client(), db.tables().alerts())::openAlerts,
                    new DynamoFacilityDirectory(db.client(), db.tables().registry())).now(LOCAL_OPERATOR);
            List<TensionMap.Row> rows = tension.rows();
            out.println("Tensions en cours : " + tension.openAlerts() + " alerte(s) ouverte(s)");
            if (rows.isEmpty()) {
                return 0;
            }
            out.printf("%-28s %-14s %9s %9s  %s%n", "Région", "Dispositif", "Critique", "Vigilance", "Établissements");
            rows.forEach(r -> out.printf("%-28s %-14s %9d %9d  %s%n", r.regionLabel(), r.deviceId(), r.critical(), r.warning(),
                    String.join(", ", r.facilities())));
        }
        return 0;
    }
}
