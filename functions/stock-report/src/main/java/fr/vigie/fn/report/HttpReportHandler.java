package fr.vigie.fn.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.Json;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.domain.Caller;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Clock;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /stock-reports} (HTTP API): a hospital sends its stock as the spec's JSON report
 * ({@code application/json}) or feed CSV ({@code text/csv}). Answers 200 with what was stored and
 * every refused row (line and reason), 400 (RFC 7807 problem) when the body is not a report at all,
 * 415 for any other media type, 401 without a verified token. A hospital reports for itself only:
 * rows of another facility are refused with their line (FACILITY_NOT_ALLOWED); operators may
 * report for any facility.
 */
public final class HttpReportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Largest report taken over HTTP; a bigger export goes through the S3 drop, which streams it. */
    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "REGISTRY_TABLE");

    private final DynamoDbClient dynamo;
    private final String registryTable;
    private final ReportIngestion ingestion;

    public HttpReportHandler() {
        this(LambdaEnvironment.system());
    }

    private HttpReportHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.require("SNAPSHOTS_TABLE"), env.require("REGISTRY_TABLE"), env.snapshotWindow(), Clock.systemUTC());
    }

    HttpReportHandler(DynamoDbClient dynamo, String snapshotsTable, String registryTable) {
        this(dynamo, snapshotsTable, registryTable, SnapshotAdmission.Window.DEFAULT, Clock.systemUTC());
    }

    HttpReportHandler(DynamoDbClient dynamo, String snapshotsTable, String registryTable, SnapshotAdmission.Window window, Clock received) {
        this.dynamo = dynamo;
        this.registryTable = registryTable;
        this.ingestion = new ReportIngestion(new SnapshotIngestion(new DynamoSnapshotStore(dynamo, snapshotsTable))
                .within(window, received));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        // who and what kind first: an anonymous or unsupported request costs no decoding and no registry read
        Optional<Caller> caller = HttpCaller.of(request);
        if (caller.isEmpty()) {
            return problem(401, "Authentification requise", "un jeton d'établissement ou d'opérateur est attendu");
        }
        if (!caller.get().operator() && !caller.get().hospital()) {
            return problem(403, "Accès refusé", "ce compte n'est rattaché à aucun établissement (claim custom:facilityId)");
        }
        String mediaType = mediaType(request.getHeaders());
        if (!mediaType.equals("application/json") && !mediaType.equals("text/csv")) {
            return problem(415, "Type de contenu non pris en charge",
                    "Content-Type \"" + mediaType + "\" : application/json ou text/csv attendu");
        }
        String body = body(request);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return problem(413, "Rapport trop volumineux", "le rapport dépasse " + MAX_BODY_BYTES / (1024 * 1024)
                    + " Mo : déposez le fichier CSV dans le dossier d'import (S3) plutôt que par l'API");
        }
        if (body.isBlank()) {
            return problem(400, "Rapport vide", "le corps de la requête est vide : un rapport JSON ou un fichier CSV est attendu");
        }
        ReportIngestion.Sender sender = caller.get().operator() ? ReportIngestion.Sender.ANY
                : new ReportIngestion.Sender("l'établissement " + caller.get().facilityId(), caller.get()::mayActFor);
        String source = "http:" + request.getRequestContext().getRequestId();
        Watchlist watchlist = DynamoWatchlist.load(dynamo, registryTable);
        ReportIngestion.Outcome outcome;
        ReportIngestion known = ingestion.admittingFacilitiesOf(new DynamoFacilityDirectory(dynamo, registryTable));
        try {
            outcome = mediaType.equals("application/json") ? known.json(source, body, watchlist, sender)
                    : known.csv(source, new StringReader(body), watchlist, sender);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getLogger().log(Json.write(Map.of("event", "report_ingested", "source", source, "read", outcome.read(),
                "stored", outcome.stored(), "duplicates", outcome.duplicates(), "rejected", outcome.rejectedCount())));
        if (outcome.error() != null) {
            return problem(400, "Rapport illisible", outcome.error());
        }
        return response(200, "application/json", Json.write(outcome));
    }

    private static String mediaType(Map<String, String> headers) {
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("content-type") && h.getValue() != null) {
                    return h.getValue().split(";")[0].strip().toLowerCase(Locale.ROOT);
                }
            }
        }
        return "";
    }

    private static String body(APIGatewayV2HTTPEvent request) {
        String body = request.getBody();
        if (body == null) {
            return "";
        }
        return request.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    static APIGatewayV2HTTPResponse problem(int status, String title, String detail) {
        return response(status, "application/problem+json", Json.write(Map.of(
                "type", "about:blank", "title", title, "status", status, "detail", detail)));
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType + "; charset=utf-8")).withBody(body).build();
    }
}
