package fr.vigie.fn.subscriptions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Who calls, from the claims the HTTP API's JWT authorizer passed on: an operator (group
 * {@code operators} in {@code cognito:groups}) or a hospital (claim {@code custom:facilityId}).
 * No claims at all means no authorizer let the request through with a token: anonymous.
 */
record Caller(String subject, boolean operator, String facilityId) {

    static final String GROUPS_CLAIM = "cognito:groups";
    static final String FACILITY_CLAIM = "custom:facilityId";
    static final String OPERATORS = "operators";

    /** Empty when the request carries no JWT claims (anonymous). */
    static Optional<Caller> of(APIGatewayV2HTTPEvent request) {
        var context = request.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        String facility = claims.get(FACILITY_CLAIM);
        return Optional.of(new Caller(claims.getOrDefault("sub", "?"), inGroup(claims.get(GROUPS_CLAIM), OPERATORS),
                facility == null || facility.isBlank() ? null : facility.strip()));
    }

    /** HTTP APIs pass a list claim as "[a b]" (or a JSON-ish "[\"a\",\"b\"]"); a single group as "a". */
    static boolean inGroup(String groups, String group) {
        if (groups == null) {
            return false;
        }
        return Arrays.stream(groups.replaceAll("[\\[\\]\"]", " ").split("[\\s,]+")).anyMatch(group::equals);
    }

    boolean hospital() {
        return !operator && facilityId != null;
    }

    /** May this caller see or remove a subscription restricted to {@code facility} (null: not a facility one)? */
    boolean mayManage(String facility) {
        return operator || (facilityId != null && facilityId.equals(facility));
    }

    String describe() {
        return operator ? "operator" : "facility:" + facilityId;
    }
}
