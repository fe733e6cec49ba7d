package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.aws.CloudNotices;
import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.app.NoticeIntake;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Violation;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.port.NoticeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /supply-notices} (operators): a JSON array of manufacturers' notice records (spec
 * section 5). Translates only: the caller, the body, the outcome; {@link NoticeIntake} does the rest.
 * <pre>
 *   200  {"stored": n, "repeated": n, "rejected": n, "notices": [{"noticeId","status","publishedAt","deviceIds","matchedBy"}],
 *         "errors": [{"index","field","message"}]}     some or all records valid (the bad ones named)
 *   400  problem+json, every record invalid or the body not a JSON array ({@code errors}: index, field, message)
 *   401  no verified token; 403 not an operator
 * </pre>
 */
public final class SupplyNoticesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each. */
    public static final List<String> ENV = CloudNotices.ENV;

    private final DynamoDbClient dynamo;
    private final SnsClient sns;
    private final String registryTable;
    private final String snapshotsTable;
    private final String topicArn;
    private final Clock clock;

    public SupplyNoticesApiHandler() {
        this(LambdaEnvironment.system());
    }

    private SupplyNoticesApiHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.sns(), env.require("REGISTRY_TABLE"), env.require("SNAPSHOTS_TABLE"),
                env.require("ALERT_TOPIC_ARN"), Clock.systemUTC());
    }

    SupplyNoticesApiHandler(DynamoDbClient dynamo, SnsClient sns, String registryTable, String snapshotsTable, String topicArn,
                            Clock clock) {
        this.dynamo = dynamo;
        this.sns = sns;
        this.registryTable = registryTable;
        this.snapshotsTable = snapshotsTable;
        this.topicArn = topicArn;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Optional<Caller> caller = HttpCaller.of(request);
        Optional<APIGatewayV2HTTPResponse> refused = Http.unlessOperator(caller, "les avis de rupture sont réservés");
        if (refused.isPresent()) {
            return refused.get();
        }
        List<NoticeDraft> drafts;
        try {
            drafts = NoticeJson.drafts(request.getBody());
        } catch (IllegalArgumentException e) {
            return Http.invalid(e.getMessage(), null);
        }
        NoticeIntake.Outcome outcome = intake().receive(drafts,
                new NoticeStore.Author(caller.get().subject(), "POST /supply-notices", clock.instant()));
        if (!drafts.isEmpty() && outcome.stored().isEmpty() && outcome.repeated() == 0) {
            return Http.problem(400, "invalid-input", "Requête invalide", "aucun avis valide : chaque erreur nomme l'avis (index) et le champ",
                    null, Map.of("errors", errors(outcome.rejected())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stored", outcome.stored().size());
        body.put("repeated", outcome.repeated());
        body.put("rejected", outcome.rejected().stream().map(Violation::entry).distinct().count());
        body.put("notices", outcome.stored().stream().map(m -> Map.of("noticeId", m.notice().noticeId(),
                "status", m.notice().status().name(), "publishedAt", m.notice().publishedAt().toString(),
                "deviceIds", m.match().deviceIds(), "matchedBy", m.match().matchedBy().json())).toList());
        body.put("errors", errors(outcome.rejected()));
        return Http.json(200, body);
    }

    private NoticeIntake intake() {
        return CloudNotices.intake(dynamo, sns, registryTable, snapshotsTable, topicArn);
    }

    /** Each violation as {index, field, message}: the record's position in the array, the JSON field. */
    private static List<Map<String, Object>> errors(List<Violation> violations) {
        return violations.stream().map(v -> Map.<String, Object>of("index", Integer.parseInt(v.entry()), "field", v.field(),
                "message", v.message())).toList();
    }
}
