package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.api.HttpRequest;
import fr.vigie.adapter.api.Problem;
import fr.vigie.wiring.CloudNotices;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.app.NoticeIntake;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Violation;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.port.NoticeStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /supply-notices} (national operators): a JSON array of manufacturers' notice records
 * (spec section 5). Translates only: the caller, the body, the outcome; {@link NoticeIntake} does the rest.
 * <pre>
 *   200  {"stored": n, "repeated": n, "rejected": n, "notices": [{"noticeId","status","publishedAt","deviceIds","matchedBy"}],
 *         "errors": [{"index","field","message"}]}     some or all records valid (the bad ones named)
 *   400  problem+json, every record invalid or the body not a JSON array ({@code errors}: field {@code [index].field}, message)
 *   401  no verified token; 403 not a national operator; 413 body over {@value #MAX_BODY_BYTES} bytes
 * </pre>
 */
public final class SupplyNoticesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each. */
    public static final List<String> ENV = CloudNotices.ENV;

    /** A season's notices are a few hundred records of a few hundred bytes each. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String TOO_LARGE = "le corps dépasse " + MAX_BODY_BYTES / 1024 + " Kio : envoyez les avis en plusieurs fois";

    private final Supplier<NoticeIntake> intake;
    private final Clock clock;

    public SupplyNoticesApiHandler() {
        this(LambdaEnvironment.system());
    }

    private SupplyNoticesApiHandler(LambdaEnvironment env) {
        this(CloudNotices.intakes(env), Clock.systemUTC());
    }

    /** @param intake a fresh intake per request (it reads the watch-list when built) */
    SupplyNoticesApiHandler(Supplier<NoticeIntake> intake, Clock clock) {
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, this::post);
    }

    private APIGatewayV2HTTPResponse post(HttpRequest request) {
        Caller caller = request.caller();
        if (!caller.operator()) {
            throw Problem.forbidden("les avis de rupture sont réservés aux opérateurs nationaux (groupe \"" + Caller.OPERATORS + "\")");
        }
        List<NoticeDraft> drafts;
        try {
            drafts = NoticeJson.drafts(request.body(MAX_BODY_BYTES, TOO_LARGE));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(e.getMessage(), HttpRequest.BODY, "un tableau JSON d'avis est attendu");
        }
        NoticeIntake.Outcome outcome = intake.get().receive(drafts,
                new NoticeStore.Author(caller.subject(), "POST /supply-notices", clock.instant()));
        if (!drafts.isEmpty() && outcome.stored().isEmpty() && outcome.revised().isEmpty() && outcome.repeated() == 0) {
            throw Problem.invalid("aucun avis valide : chaque erreur nomme l'avis ([index]) et le champ",
                    outcome.rejected().stream().map(v -> new Violation(v.entry(), "[" + v.entry() + "]." + v.field(), v.message())).toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stored", outcome.stored().size());
        body.put("repeated", outcome.repeated());
        body.put("revised", outcome.revised().stream().map(Object::toString).toList());
        body.put("rejected", outcome.rejected().stream().map(Violation::entry).distinct().count());
        body.put("notices", outcome.stored().stream().map(m -> Map.of("noticeId", m.notice().noticeId(),
                "status", m.notice().status().name(), "publishedAt", m.notice().publishedAt().toString(),
                "deviceIds", m.match().deviceIds(), "matchedBy", m.match().matchedBy().json())).toList());
        body.put("errors", outcome.rejected().stream().map(v -> Map.<String, Object>of("index", Integer.parseInt(v.entry()),
                "field", v.field(), "message", v.message())).toList());
        return HttpApi.json(200, body);
    }
}
