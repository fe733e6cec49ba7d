package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSeasonArchive;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.app.NoticeLeads;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Season;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.TensionMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /tension} (operators): where tension is now — the open alerts counted by region and
 * device, worst first, with the facilities concerned. One query of the alerts table's sparse
 * OpenIndex (only open alerts are in it), regions from the facility registry. Beside them, the
 * season's manufacturers' notices ({@code notices}: noticeId, firstPublished, status, deviceIds,
 * matchedBy, firstSignal, leadDays — see {@link NoticeLeads}).
 */
public final class TensionApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "REGISTRY_TABLE", "SNAPSHOTS_TABLE");

    private final DynamoAlertStore alerts;
    private final DynamoFacilityDirectory facilities;
    private final NoticeLeads notices;
    private final Clock clock;

    public TensionApiHandler() {
        this(LambdaEnvironment.system());
    }

    private TensionApiHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), new Tables.Names(env.require("SNAPSHOTS_TABLE"), env.require("ALERTS_TABLE"), env.require("REGISTRY_TABLE")),
                Clock.systemUTC());
    }

    TensionApiHandler(DynamoDbClient dynamo, Tables.Names names, Clock clock) {
        this.alerts = new DynamoAlertStore(dynamo, names.alerts());
        this.facilities = new DynamoFacilityDirectory(dynamo, names.registry());
        this.notices = new NoticeLeads(new DynamoNoticeStore(dynamo, names.registry()), new DynamoSeasonArchive(dynamo, names));
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Optional<Caller> caller = HttpCaller.of(request);
        Optional<APIGatewayV2HTTPResponse> refused = Http.unlessOperator(caller, "la carte des tensions est réservée");
        if (refused.isPresent()) {
            return refused.get();
        }
        List<OpenAlert> open = alerts.openAlerts();
        Season season = Season.containing(LocalDate.now(clock));
        return Http.json(200, Map.of("openAlerts", open.size(), "rows", TensionMap.of(open, facilities::regionOf),
                "season", season.label(), "notices", notices.season(season)));
    }
}
