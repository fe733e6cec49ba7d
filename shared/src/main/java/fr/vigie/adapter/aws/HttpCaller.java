package fr.vigie.adapter.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import fr.vigie.domain.Caller;

import java.util.Optional;

/** The caller of an HTTP API request, from the claims its JWT authorizer passed on. */
public final class HttpCaller {

    private HttpCaller() {
    }

    /** Empty when the request carries no verified claims (anonymous). */
    public static Optional<Caller> of(APIGatewayV2HTTPEvent request) {
        var context = request.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        return Caller.fromClaims(context.getAuthorizer().getJwt().getClaims());
    }
}
