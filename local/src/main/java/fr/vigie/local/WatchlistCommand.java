package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.port.Registry.Author;
import fr.vigie.port.Registry.Outcome;
import fr.vigie.domain.WatchlistEntry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ./vigie watchlist import FILE [--db DIR]}: validates a watch-list file (spec section 1)
 * and stores it into the local registry table through the same adapter as the watch-list API
 * ({@link DynamoRegistryEditor}, which writes what {@code DynamoWatchlist} reads): each entry is
 * created, or replaced at its current version, with an audit record {@code IMPORT} by
 * {@code local:<user>}; an entry equal to the stored one is left as it is. Entries of the database
 * that the file does not name are kept and listed. An invalid file changes nothing and exits 2,
 * naming each entry and field.
 */
final class WatchlistCommand {

    static final String USAGE = "./vigie watchlist import FICHIER [--db DOSSIER]";
    static final Set<String> OPTIONS = Set.of("--db");

    private final PrintStream out;
    private final Clock clock;
    private final String user;

    WatchlistCommand(PrintStream out, Clock clock, String user) {
        this.out = out;
        this.clock = clock;
        this.user = user;
    }

    int run(List<String> args) throws UsageException, IOException {
        if (args.isEmpty() || !args.get(0).equals("import")) {
            throw new UsageException("sous-commande attendue : " + USAGE);
        }
        if (args.size() < 2 || args.get(1).startsWith("--")) {
            throw new UsageException("fichier de liste surveillée manquant : " + USAGE);
        }
        Path file = Path.of(args.get(1));
        Arguments a = new Arguments(args.subList(2, args.size()), OPTIONS);
        List<WatchlistEntry> entries = WatchlistFile.read(file);
        Path dbPath = a.path("--db", ".vigie");
        Map<DynamoRegistryEditor.Status, Integer> counts = new EnumMap<>(DynamoRegistryEditor.Status.class);
        try (LocalDatabase db = LocalDatabase.onDisk(LocalFiles.folder(dbPath, "--db"))) {
            DynamoRegistryEditor registry = new DynamoRegistryEditor(db.client(), db.tables().registry());
            Author author = new Author("local:" + user, "IMPORT", clock.instant());
            out.println("Import de " + file.getFileName() + " dans " + dbPath + " (" + entries.size() + " entrée(s))");
            for (WatchlistEntry entry : entries) {
                Outcome outcome = registry.upsert(entry, author);
                counts.merge(outcome.status(), 1, Integer::sum);
                out.printf("  %-12s %-20s version %d%n", label(outcome.status()), entry.deviceId(), outcome.version());
                if (!outcome.written() && outcome.status() != DynamoRegistryEditor.Status.UNCHANGED) {
                    throw new IOException("écriture concurrente sur " + entry.deviceId() + " (" + outcome.status() + ") : relancez l'import");
                }
            }
            Set<String> named = entries.stream().map(WatchlistEntry::deviceId).collect(Collectors.toSet());
            List<String> others = registry.entries().stream().map(v -> v.value().deviceId()).filter(id -> !named.contains(id)).toList();
            out.printf("%d ajoutée(s), %d mise(s) à jour, %d inchangée(s)%n", counts.getOrDefault(DynamoRegistryEditor.Status.CREATED, 0),
                    counts.getOrDefault(DynamoRegistryEditor.Status.UPDATED, 0), counts.getOrDefault(DynamoRegistryEditor.Status.UNCHANGED, 0));
            if (!others.isEmpty()) {
                out.println("Absentes du fichier, gardées telles quelles : " + String.join(", ", others)
                        + " (désactivez-les par l'API ou avec \"active\": false dans le fichier)");
            }
        }
        return 0;
    }

    private static String label(DynamoRegistryEditor.Status status) {
        return switch (status) {
            case CREATED -> "ajoutée";
            case UPDATED -> "mise à jour";
            case UNCHANGED -> "inchangée";
            default -> status.name();
        };
    }
}
