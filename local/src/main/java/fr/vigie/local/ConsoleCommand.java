package fr.vigie.local;

import fr.vigie.domain.Excerpt;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.app.ConsoleViews;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.dynamodb.DynamoSeasonArchive;
import fr.vigie.app.NoticeLeads;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.DynamoSeriesLog;
import fr.vigie.adapter.dynamodb.DynamoAlertLog;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Identifier;
import fr.vigie.domain.Region;
import fr.vigie.fn.watchlist.AlertFollowUpApiHandler;
import fr.vigie.fn.watchlist.ConsoleApiHandler;
import fr.vigie.fn.watchlist.TensionApiHandler;
import fr.vigie.fn.watchlist.WatchlistApiHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ./vigie console [--db DIR] [--port N] [--region CODE | --facility ID] [--retex DIR]}: the
 * operators' console on {@code http://127.0.0.1:N/} over the database a replay left in DIR, signed
 * in as a local national operator (a regional one with {@code --region}, or a hospital's user with
 * {@code --facility}, to see what each is shown). The API routes are answered by
 * the deployed functions' handler classes (ConsoleApiHandler, WatchlistApiHandler,
 * TensionApiHandler) over the local database; watch-list edits are kept in DIR when the console stops.
 */
final class ConsoleCommand {

    static final String USAGE = "./vigie console [--db DOSSIER] [--port N] [--region CODE_INSEE | --facility ID] [--retex DOSSIER]";
    static final Set<String> OPTIONS = Set.of("--db", "--port", "--region", "--facility", "--retex");
    static final int DEFAULT_PORT = 8470;
    private static final int MAX_PORT = 65_535;
    static final String LOCAL_USER = "operateur.local";
    static final String LOCAL_HOSPITAL_USER = "etablissement.local";

    private final PrintStream out;

    ConsoleCommand(PrintStream out) {
        this.out = out;
    }

    /** A running console: its address, and close() to stop it and keep the database. */
    static final class Running implements AutoCloseable {
        private final LocalDatabase db;
        private final ConsoleServer server;

        private Running(LocalDatabase db, ConsoleServer server) {
            this.db = db;
            this.server = server;
        }

        String address() {
            return server.address();
        }

        @Override
        public void close() throws IOException {
            server.close();
            db.close();
        }
    }

    int run(List<String> args) throws UsageException, IOException, InterruptedException {
        Running console = start(args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                console.close();
            } catch (IOException e) {
                System.err.println("vigie: la base n'a pas pu être rangée : " + e.getMessage());
            }
            stopped.countDown();
        }));
        out.println("Console Vigie : " + console.address());
        out.println("(identité locale : " + (args.contains("--facility") ? LOCAL_HOSPITAL_USER + ", établissement" : LOCAL_USER + ", opérateur")
                + " ; Ctrl-C pour arrêter)");
        out.flush();
        stopped.await();
        return 0;
    }

    static Running start(List<String> args) throws UsageException, IOException {
        Arguments a = new Arguments(args, OPTIONS);
        long wanted = a.number("--port", DEFAULT_PORT);
        if (wanted < 0 || wanted > MAX_PORT) {
            // 99999 failed as « échec : port out of range », exit 1
            throw new UsageException("--port attend un numéro de port de 0 à " + MAX_PORT + " (0 : un port libre), pas « " + Excerpt.of(wanted) + " »");
        }
        int port = (int) wanted;
        Path dbPath = a.path("--db", ".vigie");
        if (!Files.exists(dbPath.resolve(LocalDatabase.FILE))) {
            throw new UsageException("aucune base dans " + dbPath + " : lancez d'abord ./vigie replay (--db " + dbPath + ")");
        }
        String region = a.optional("--region", null);
        if (region != null && Region.ofCode(region).isEmpty()) {
            throw new UsageException("--region attend le code INSEE d'une région (11 : Île-de-France…), reçu " + Excerpt.of(region));
        }
        String facility = a.optional("--facility", null);
        if (facility != null && region != null) {
            throw new UsageException("--facility et --region s'excluent : un établissement ou un opérateur régional");
        }
        if (facility != null && !Identifier.valid(facility)) {
            String upper = facility.toUpperCase(Locale.ROOT);
            throw new UsageException("--facility attend l'identifiant d'un établissement (2 à 40 caractères A-Z, 0-9 et -, ex. CHU-IDF-01), reçu « "
                    + Excerpt.of(facility) + " »" + (Identifier.valid(upper) ? " : en majuscules, " + upper + " ?" : ""));
        }
        Path retex = args.contains("--retex") ? a.path("--retex").toAbsolutePath().normalize() : null;
        if (retex != null && !Files.isDirectory(retex)) {
            throw new UsageException("--retex : " + retex + " n'est pas un dossier (./vigie retex --out DOSSIER)");
        }
        LocalDatabase db = LocalDatabase.onDisk(dbPath);
        try {
            var client = db.client();
            var tables = db.tables();
            Clock clock = Clock.systemUTC();
            DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(client, tables.registry());
            if (facility != null && facilities.facility(facility).isEmpty()) {
                // signed in as a facility the registry does not hold, every page would be empty, never saying why
                List<String> held = facilities.facilities().stream().map(Facility::facilityId).sorted().toList();
                throw new UsageException("--facility : " + facility + " n'est pas dans le registre de " + dbPath + " ("
                        + String.join(", ", held.subList(0, Math.min(5, held.size()))) + (held.size() > 5 ? ", …" : "") + ")");
            }
            ConsoleApiHandler console = new ConsoleApiHandler(new ConsoleViews(new DynamoAlertLog(client, tables.alerts(), clock),
                    new DynamoSeriesLog(client, tables.snapshots()), () -> DynamoWatchlist.load(client, tables.registry()), facilities, clock,
                    new DynamoFollowUps(client, tables.alerts())));
            AlertFollowUpApiHandler ack = new AlertFollowUpApiHandler(client, tables.alerts(), tables.registry(), tables.snapshots(), clock);
            WatchlistApiHandler registry = new WatchlistApiHandler(new DynamoRegistryEditor(client, tables.registry()), clock);
            Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();
            ConsoleApiHandler.ROUTES.forEach(r -> routes.put(r, console));
            AlertFollowUpApiHandler.ROUTES.forEach(r -> routes.put(r, ack));
            WatchlistApiHandler.ROUTES.forEach(r -> routes.put(r, registry));
            TensionApiHandler tension = new TensionApiHandler(new DynamoAlertStore(client, tables.alerts())::openAlerts, facilities,
                    new NoticeLeads(new DynamoNoticeStore(client, tables.registry()), new DynamoSeasonArchive(client, tables)),
                    new DynamoReportingLog(client, tables.alerts()), clock);
            TensionApiHandler.ROUTES.forEach(r -> routes.put(r, tension));
            Map<String, String> claims = new LinkedHashMap<>();
            if (facility != null) {
                claims.putAll(Map.of("sub", "local-" + LOCAL_HOSPITAL_USER, "cognito:username", LOCAL_HOSPITAL_USER,
                        Caller.FACILITY_CLAIM, facility));
            } else {
                // a regional operator is one of Cognito's groups operators-NN, as deployed
                claims.putAll(Map.of("sub", "local-" + LOCAL_USER, "cognito:username", LOCAL_USER, Caller.GROUPS_CLAIM,
                        "[" + (region == null ? Caller.OPERATORS : Caller.REGIONAL_OPERATORS_PREFIX + region) + "]"));
            }
            try {
                return new Running(db, new ConsoleServer(port, routes, claims, config(retex), retex));
            } catch (java.net.BindException taken) {
                // was « échec : Address already in use », exit 1
                throw new UsageException("le port " + port + " est déjà pris (une autre console ?) : --port 0 en choisit un libre");
            }
        } catch (IOException | UsageException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The pages' config.json: the API under /api on the same origin, no sign-in, the review files if any. */
    static String config(Path retex) throws IOException {
        ObjectNode config = Json.MAPPER.createObjectNode().put("api", ConsoleServer.API);
        config.putObject("auth").put("mode", "local");
        ArrayNode files = config.putObject("retex").put("base", "/retex/").putArray("files");
        if (retex != null) {
            try (Stream<Path> list = Files.list(retex)) {
                list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(files::add);
            }
        }
        return config.toString();
    }
}
