package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who calls, from the claims that the HTTP API's JWT authorizer has already checked
 * ({@code requestContext.authorizer.jwt.claims}): an operator (Cognito group {@code operators} in
 * {@code cognito:groups}), a hospital (claim {@code custom:facilityId}), someone else signed in, or
 * nobody (no claims: the route was reached without a verified token).
 * <p>
 * The authorizer checks the signature, issuer, audience and expiry; this class decides what the
 * identity may do, so the rule holds even if a route were deployed without the authorizer.
 */
record Caller(String subject, String username, Set<String> groups, String facilityId) {

    static final String OPERATORS = "operators";
    static final String GROUPS_CLAIM = "cognito:groups";
    static final String FACILITY_CLAIM = "custom:facilityId";

    static Optional<Caller> of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        if (claims == null || blank(claims.get("sub"))) {
            return Optional.empty();
        }
        String username = firstNonBlank(claims.get("cognito:username"), claims.get("username"), claims.get("sub"));
        return Optional.of(new Caller(claims.get("sub"), username, groups(claims.get(GROUPS_CLAIM)),
                blank(claims.get(FACILITY_CLAIM)) ? null : claims.get(FACILITY_CLAIM).strip()));
    }

    /**
     * API Gateway hands array claims over as text: {@code [operators hospital-admins]} for an HTTP
     * API, sometimes {@code ["operators","x"]} or {@code operators,x}; every form is read.
     */
    static Set<String> groups(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(claim.split("[\\[\\]\",\\s]+")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    boolean operator() {
        return groups.contains(OPERATORS);
    }

    boolean hospital() {
        return facilityId != null;
    }

    /** What the audit trail records as "who": the username, or the subject when there is none. */
    String who() {
        return username;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }
}
