package fr.vigie.local;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./vigie}: the local runner of the functions' code. Exit codes (spec section 4): 0 success,
 * 2 bad usage or invalid input files, 1 any other failure.
 */
public final class Main {

    static final String HELP = String.join("\n",
            "Vigie — surveillance saisonnière des stocks de dispositifs médicaux",
            "",
            "  ./vigie demo [--details]             une saison simulée, de bout en bout, sur une base embarquée",
            "  " + ReplayCommand.USAGE,
            "                                       rejoue un fichier de relevés et écrit les alertes",
            "  " + WatchlistCommand.USAGE,
            "                                       valide une liste surveillée et l'enregistre dans la base locale",
            "  " + TensionCommand.USAGE,
            "                                       les alertes ouvertes par région et dispositif, les plus graves d'abord",
            "  " + ConsoleCommand.USAGE,
            "                                       la console des opérateurs dans un navigateur, sur la base locale",
            "  " + RetexCommand.USAGE,
            "                                       exporte le RETEX d'une saison (1er septembre - 31 août) : CSV et rapport HTML",
            "");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        quietLibraries();
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(HELP);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "replay" -> new ReplayCommand(out, err, System.getenv()).run(rest);
                case "demo" -> new DemoCommand(out, err, System.getenv()).run(rest);
                case "watchlist" -> new WatchlistCommand(out, java.time.Clock.systemUTC(), System.getProperty("user.name", "inconnu")).run(rest);
                case "retex" -> new RetexCommand(out, err).run(rest);
                case "tension" -> new TensionCommand(out).run(rest);
                case "console" -> new ConsoleCommand(out).run(rest);
                default -> throw new UsageException("commande inconnue : " + args.get(0));
            };
        } catch (UsageException e) {
            err.println("vigie: " + e.getMessage());
            err.print("\n" + HELP);
            return 2;
        } catch (Exception e) {
            err.println("vigie: échec : " + e);
            Logger.getLogger(Main.class.getName()).log(Level.FINE, "failure", e);
            return 1;
        }
    }

    /** DynamoDB Local and the SDK log at INFO through JUL and log4j; a person wants Vigie's own lines. */
    private static void quietLibraries() {
        Logger.getLogger("").setLevel(Level.WARNING);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("log4j2.level", "WARN");
    }
}
