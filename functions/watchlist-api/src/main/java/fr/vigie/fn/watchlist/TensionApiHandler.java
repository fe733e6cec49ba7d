package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.dynamodb.DynamoSeasonArchive;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.app.NoticeLeads;
import fr.vigie.app.ReportingView;
import fr.vigie.app.TensionView;
import fr.vigie.domain.Season;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.OpenAlerts;
import fr.vigie.port.ReportingLog;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /tension} (operators): where tension is now — the open alerts counted by region and
 * device, worst first, with the facilities concerned ({@link TensionView}). One query of the alerts
 * table's sparse OpenIndex (only open alerts are in it), regions from the facility registry. Beside
 * them, the current season ({@code season}) and its manufacturers' notices ({@code notices}:
 * noticeId, firstPublished, status, deviceIds, matchedBy, firstSignal, leadDays — see {@link NoticeLeads}).
 * <p>
 * {@code GET /reporting} (operators: their regions; a hospital: its own facility): who reports
 * ({@link ReportingView}) — {@code facilities}: facilityId, facilityName, region, regionLabel,
 * lastReport (ISO instant, null if never), silent, silentDevices, current; {@code regions}: region,
 * regionLabel, facilities, current, completeness (0 to 1).
 */
public final class TensionApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "REGISTRY_TABLE", "SNAPSHOTS_TABLE");

    /** The HTTP API route keys this handler serves; template.yaml wires each behind the JWT authorizer. */
    public static final List<String> ROUTES = List.of("GET /tension", "GET /reporting");

    private final TensionView tension;
    private final ReportingView reporting;
    private final Clock clock;

    public TensionApiHandler() {
        this(LambdaEnvironment.system());
    }

    private TensionApiHandler(LambdaEnvironment env) {
        this(new DynamoAlertStore(env.dynamoDb(), env.require("ALERTS_TABLE"))::openAlerts,
                new DynamoFacilityDirectory(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                new NoticeLeads(new DynamoNoticeStore(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                        new DynamoSeasonArchive(env.dynamoDb(), new Tables.Names(env.require("SNAPSHOTS_TABLE"),
                                env.require("ALERTS_TABLE"), env.require("REGISTRY_TABLE")))),
                new DynamoReportingLog(env.dynamoDb(), env.require("ALERTS_TABLE")), Clock.systemUTC());
    }

    /**
     * @param reporting the facilities' reporting states, for {@code GET /reporting}
     * @param clock     gives today, whose season's notices are listed
     */
    public TensionApiHandler(OpenAlerts alerts, FacilityDirectory facilities, NoticeLeads notices, ReportingLog reporting, Clock clock) {
        this.tension = new TensionView(alerts, facilities, notices);
        this.reporting = new ReportingView(reporting, facilities);
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.route()) {
            case "GET /tension" -> HttpApi.json(200, tension.now(request.caller(), Season.containing(LocalDate.now(clock))));
            case "GET /reporting" -> HttpApi.json(200, reporting.now(request.caller()));
            default -> throw HttpApi.unknownRoute(request);
        });
    }
}
