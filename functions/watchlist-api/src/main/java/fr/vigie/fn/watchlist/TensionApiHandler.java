package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.app.TensionView;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.OpenAlerts;

import java.util.List;

/**
 * {@code GET /tension} (operators): where tension is now — the open alerts counted by region and
 * device, worst first, with the facilities concerned ({@link TensionView}). One query of the alerts
 * table's sparse OpenIndex (only open alerts are in it), regions from the facility registry.
 */
public final class TensionApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "REGISTRY_TABLE");

    private final TensionView tension;

    public TensionApiHandler() {
        this(LambdaEnvironment.system());
    }

    private TensionApiHandler(LambdaEnvironment env) {
        this(new DynamoAlertStore(env.dynamoDb(), env.require("ALERTS_TABLE"))::openAlerts,
                new DynamoFacilityDirectory(env.dynamoDb(), env.require("REGISTRY_TABLE")));
    }

    TensionApiHandler(OpenAlerts alerts, FacilityDirectory facilities) {
        this.tension = new TensionView(alerts, facilities);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> HttpApi.json(200, tension.now(request.caller())));
    }
}
