package fr.vigie.local;

import fr.vigie.domain.Excerpt;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code ./vigie}: the local runner of the functions' code. Exit codes (spec section 4): 0 success,
 * 2 bad usage or invalid input files (one French line saying what is wrong), 1 any other failure.
 * {@code ./vigie COMMAND --help} prints that command's options. Library and Vigie log lines go to
 * {@link #LOG_FILE}, never to the console, which speaks French.
 */
public final class Main {

    /** Where warnings and failures' details are written: Vigie's and the libraries' log lines, never the console. */
    static final Path LOG_FILE = Path.of(".vigie", "vigie.log");

    /** {@code ./vigie bench}'s help, printed by the bench itself ({@code ./vigie bench --help}) and in the main help. */
    public static final String BENCH_HELP = String.join("\n",
            "./vigie bench [--quick] [--scale | --cold] [--rounds N] [--no-doc]",
            "  débit de rejeu, journée nationale, unités de capacité et coût de la France, démarrages à froid, mémoire",
            "  (sans option)  tout le banc (dix minutes environ) ; réécrit docs/benchmarks.md et bench/results.json",
            "  --quick        petites tailles, pour essayer le banc lui-même (rien n'est écrit)",
            "  --scale        les chiffres du modèle de données seulement (bench/results.json mis à jour)",
            "  --cold         les démarrages à froid et la taille des jars seulement (bench/results.json mis à jour)",
            "  --rounds N     tours de démarrage à froid (5 par défaut, 1 avec --quick)",
            "  --no-doc       ne pas réécrire docs/benchmarks.md");

    /** Each command and its help: usage line, then what each option means. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", String.join("\n",
                DemoCommand.USAGE,
                "  une saison simulée, de bout en bout, sur une base embarquée (1er septembre - 31 mars)",
                "  --until AAAA-MM-JJ   dernier jour simulé, au plus tard 2026-03-31",
                "  --seed N             tire une autre saison (nombre entier)",
                "  --details            liste chaque alerte sous le tableau"));
        COMMANDS.put("replay", String.join("\n",
                ReplayCommand.USAGE,
                "  rejoue un fichier de relevés (CSV séparé par , ou ;) et écrit les alertes",
                "  --watchlist FICHIER  la liste surveillée (JSON)",
                "  --feed FICHIER.csv   les relevés ; truth.json à côté : rétro-évaluation en fin de rejeu",
                "  --alerts SORTIE      les alertes, une par ligne (JSON Lines) ; les dossiers manquants sont créés",
                "  --notices FICHIER    les avis de rupture des fabricants (JSON) ; par défaut notices.json à côté",
                "                       du fichier de relevés s'il existe ; --notices none : aucun",
                "  --epidemic FICHIER   le signal épidémique hebdomadaire (CSV region,epidemic,week,intensity[,published] ;",
                "                       docs/forecasting.md ; 1 Mio au plus) : la prévision de consommation le suit ;",
                "                       sans lui, inchangée",
                "  --db DOSSIER         la base locale (par défaut .vigie)",
                "  --summary FICHIER    le résumé JSON (par défaut à côté des alertes, NOM.summary.json)",
                "  les fichiers lus sont en UTF-8"));
        COMMANDS.put("watchlist", String.join("\n",
                WatchlistCommand.USAGE,
                "  valide une liste surveillée et l'enregistre dans la base locale",
                "  --db DOSSIER         la base locale (par défaut .vigie)"));
        COMMANDS.put("tension", String.join("\n",
                TensionCommand.USAGE,
                "  les alertes ouvertes par région et dispositif, les plus graves d'abord ; qui remonte ses données",
                "  (jugé à la date du dernier relevé enregistré) ; les avis de rupture de la saison",
                "  --season AAAA-AAAA   la saison des avis de rupture montrés (par défaut celle du dernier avis",
                "                       enregistré, sinon la saison en cours)",
                "  --db DOSSIER         la base locale (par défaut .vigie)"));
        COMMANDS.put("console", String.join("\n",
                ConsoleCommand.USAGE,
                "  la console des opérateurs dans un navigateur, sur la base locale",
                "  --db DOSSIER         la base locale (par défaut .vigie)",
                "  --port N             le port local (8470 par défaut, 0 : un port libre)",
                "  --region CODE_INSEE  se connecter en opérateur régional",
                "  --facility ID        se connecter en utilisateur d'un établissement",
                "  --retex DOSSIER      le RETEX à montrer (fichiers de ./vigie retex)"));
        COMMANDS.put("retex", String.join("\n",
                RetexCommand.USAGE,
                "  exporte le RETEX d'une saison (1er septembre - 31 août) : CSV et rapport HTML",
                "  --season AAAA-AAAA   la saison, deux années qui se suivent",
                "  --out DOSSIER        où écrire les fichiers (créé s'il manque)",
                "  --db DOSSIER         la base locale (par défaut .vigie)"));
        COMMANDS.put("bench", BENCH_HELP);
    }

    static final String HELP = "Vigie — surveillance saisonnière des stocks de dispositifs médicaux\n\n"
            + String.join("\n\n", COMMANDS.values().stream().map(h -> "  " + h.replace("\n", "\n  ")).toList())
            + "\n\n./vigie COMMANDE --help : les options d'une commande\n";

    private Main() {
    }

    public static void main(String[] args) {
        logToFile(LOG_FILE);
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        quietLibraries();
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(HELP);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            if (!COMMANDS.containsKey(command) || command.equals("bench")) {
                throw new UsageException("commande inconnue : " + Excerpt.of(command) + closest(command));
            }
            if (rest.contains("--help") || rest.contains("-h")) {
                out.println(COMMANDS.get(command));
                return 0;
            }
            return switch (command) {
                case "replay" -> new ReplayCommand(out, err, System.getenv()).run(rest);
                case "demo" -> new DemoCommand(out, err, System.getenv()).run(rest);
                case "watchlist" -> new WatchlistCommand(out, java.time.Clock.systemUTC(), System.getProperty("user.name", "inconnu")).run(rest);
                case "retex" -> new RetexCommand(out, err).run(rest);
                case "console" -> new ConsoleCommand(out).run(rest);
                default -> new TensionCommand(out).run(rest);
            };
        } catch (UsageException e) {
            err.println("vigie : " + e.getMessage() + (COMMANDS.containsKey(command) ? " (./vigie " + command + " --help)" : ""));
            return 2;
        } catch (Exception e) {
            LoggerFactory.getLogger(Main.class).atError().setCause(e).addKeyValue("args", args).log("command_failed");
            err.println("vigie : échec : " + (e.getMessage() == null ? "erreur inattendue" : e.getMessage())
                    + " (détails dans " + LOG_FILE + ")");
            return 1;
        }
    }

    /** " ; vouliez-vous dire replay ?" for the nearest command within two edits, else nothing. */
    static String closest(String typed) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return COMMANDS.keySet().stream().min(Comparator.comparingInt(c -> distance.apply(c, typed)))
                .filter(c -> distance.apply(c, typed) <= Math.max(2, typed.length() / 3))
                .map(c -> " ; vouliez-vous dire « " + c + " » ?").orElse(" (./vigie --help : les commandes)");
    }

    /** Some libraries (sqlite4java under DynamoDB Local) log at INFO through java.util.logging; a person wants warnings. */
    private static void quietLibraries() {
        Logger.getLogger("").setLevel(Level.WARNING);
    }

    /**
     * Sends the log lines (English, for whoever reads logs) to {@code file} instead of the console:
     * Vigie's own, through SLF4J into the functions' structured logger (Log4j with Powertools' JSON
     * layout, {@code vigie-local-log4j2.xml}), and the libraries' java.util.logging lines; without a
     * writable file they are dropped, never shown. Called before any logger is made.
     */
    static void logToFile(Path file) {
        System.setProperty("vigie.logFile", file.toAbsolutePath().toString());
        System.setProperty("log4j2.configurationFile", "vigie-local-log4j2.xml");
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        try {
            Files.createDirectories(file.getParent());
            Handler handler = new FileHandler(file.toString(), true);
            handler.setFormatter(new SimpleFormatter());
            root.addHandler(handler);
        } catch (IOException | RuntimeException e) {
            // no log file (read-only folder): warnings are dropped rather than mixed into the French console
        }
    }
}
