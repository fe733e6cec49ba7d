package fr.vigie.fn.report;

import fr.vigie.domain.Excerpt;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.api.HttpRequest;
import fr.vigie.adapter.api.Problem;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.domain.Caller;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.SnapshotStore;
import fr.vigie.port.Watchlist;
import fr.vigie.adapter.aws.HandlerLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code POST /stock-reports} (HTTP API): a hospital sends its stock as the spec's JSON report
 * ({@code application/json}) or feed CSV ({@code text/csv}). Answers 200 with what was stored and
 * every refused row (line and reason), 400 (RFC 7807 problem) when the body is not a report at all
 * or not the base64 it says it is, 413 over 5 MB, 415 for any other media type, 401 without a
 * verified token; any unexpected failure is a 500 problem, logged at ERROR ({@link HttpApi}). A hospital reports for itself only:
 * rows of another facility are refused with their line (FACILITY_NOT_ALLOWED); national operators
 * may report for any facility, a regional operator for the registered facilities of its region.
 */
public final class HttpReportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpReportHandler.class);

    /** Largest report taken over HTTP; a bigger export goes through the S3 drop, which streams it. */
    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "REGISTRY_TABLE");

    private final Supplier<Watchlist> watchlist;
    private final FacilityDirectory facilities;
    private final ReportIngestion ingestion;

    public HttpReportHandler() {
        this(LambdaEnvironment.system());
    }

    private HttpReportHandler(LambdaEnvironment env) {
        this(new DynamoSnapshotStore(env.dynamoDb(), env.require("SNAPSHOTS_TABLE")),
                () -> DynamoWatchlist.load(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                new DynamoFacilityDirectory(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                env.snapshotWindow(), Clock.systemUTC());
    }

    HttpReportHandler(SnapshotStore snapshots, Supplier<Watchlist> watchlist, FacilityDirectory facilities) {
        this(snapshots, watchlist, facilities, SnapshotAdmission.Window.DEFAULT, Clock.systemUTC());
    }

    /**
     * @param watchlist  read once per request (operators may change it at any time)
     * @param facilities the registry's facilities: a regional operator reports for its region's only, and
     *                   a facility it does not hold is refused while it holds any
     * @param window     how far from {@code received}'s now a snapshot's timestamp may be
     */
    HttpReportHandler(SnapshotStore snapshots, Supplier<Watchlist> watchlist, FacilityDirectory facilities,
                      SnapshotAdmission.Window window, Clock received) {
        this.watchlist = watchlist;
        this.facilities = facilities;
        this.ingestion = new ReportIngestion(new SnapshotIngestion(snapshots).within(window, received));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> answer(request, context));
    }

    /** A regional operator's rule, one registry read per facility of the report. */
    private Predicate<String> inRegion(Caller caller) {
        Map<String, Boolean> allowed = new HashMap<>();
        return facility -> allowed.computeIfAbsent(facility, f -> caller.operatesIn(facilities.regionOf(f).orElse(null)));
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request, Context context) {
        // who and what kind first: an anonymous or unsupported request costs no decoding and no registry read
        Caller caller = request.caller();
        if (!caller.anyOperator() && !caller.hospital()) {
            throw Problem.forbidden("ce compte n'est rattaché à aucun établissement (claim custom:facilityId)");
        }
        String mediaType = request.mediaType();
        if (!mediaType.equals("application/json") && !mediaType.equals("text/csv")) {
            throw Problem.of(Problem.Type.UNSUPPORTED_MEDIA_TYPE, "Content-Type \"" + Excerpt.of(mediaType) + "\" : application/json ou text/csv attendu");
        }
        String body = request.body(MAX_BODY_BYTES, "le rapport dépasse " + MAX_BODY_BYTES / (1024 * 1024)
                + " Mo : déposez le fichier CSV dans le dossier d'import (S3) plutôt que par l'API");
        if (body.isBlank()) {
            throw Problem.invalid("le corps de la requête est vide : un rapport JSON ou un fichier CSV est attendu",
                    HttpRequest.BODY, "obligatoire");
        }
        ReportIngestion.Sender sender = caller.operator() ? ReportIngestion.Sender.ANY
                : caller.regionalOperator() ? new ReportIngestion.Sender("l'opérateur de la région "
                        + String.join(", ", caller.operatorRegions().stream().sorted().toList()),
                        inRegion(caller))
                : new ReportIngestion.Sender("l'établissement " + caller.facilityId(), caller::mayActFor);
        String source = "http:" + request.requestId();
        Watchlist watchlist = this.watchlist.get();
        ReportIngestion.Outcome outcome;
        ReportIngestion known = ingestion.admittingFacilitiesOf(facilities);
        try {
            outcome = mediaType.equals("application/json") ? known.json(source, body, watchlist, sender)
                    : known.csv(source, new StringReader(body), watchlist, sender);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HandlerLogging.log(LOG, Level.INFO, "report_ingested", Map.of("source", source, "read", outcome.read(),
                "stored", outcome.stored(), "duplicates", outcome.duplicates(), "conflicts", outcome.conflictCount(), "rejected", outcome.rejectedCount()));
        if (outcome.error() != null) {
            throw Problem.invalid("rapport illisible : " + outcome.error(), HttpRequest.BODY, outcome.error());
        }
        return HttpApi.json(200, outcome);
    }
}
