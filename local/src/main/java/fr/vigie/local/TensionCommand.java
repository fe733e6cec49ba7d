package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.TensionMap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./vigie tension [--db DIR]}: where tension is at the end of what was replayed into DIR —
 * the open alerts by region and device, worst first (the same view as the API's GET /tension).
 */
final class TensionCommand {

    static final String USAGE = "./vigie tension [--db DOSSIER]";

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
            List<OpenAlert> open = new DynamoAlertStore(db.client(), db.tables().alerts()).openAlerts();
            List<TensionMap.Row> rows = TensionMap.of(open, new DynamoFacilityDirectory(db.client(), db.tables().registry())::regionOf);
            out.println("Tensions en cours : " + open.size() + " alerte(s) ouverte(s)");
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
