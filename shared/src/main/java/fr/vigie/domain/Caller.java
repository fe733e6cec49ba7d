package fr.vigie.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who calls an API, from the JWT claims the HTTP API's authorizer has already verified
 * (signature, issuer, audience, expiry): an operator (Cognito group {@code operators} in
 * {@code cognito:groups}), a hospital (claim {@code custom:facilityId}), someone else signed in, or
 * nobody. The handlers decide with it what the identity may do, so each rule holds even if a route
 * were deployed without the authorizer.
 */
public record Caller(String subject, String username, Set<String> groups, String facilityId) {

    public static final String OPERATORS = "operators";
    public static final String GROUPS_CLAIM = "cognito:groups";
    public static final String FACILITY_CLAIM = "custom:facilityId";

    public Caller {
        groups = Set.copyOf(groups);
    }

    /** Empty when there are no verified claims: the request is anonymous. */
    public static Optional<Caller> fromClaims(Map<String, String> claims) {
        if (claims == null || blank(claims.get("sub"))) {
            return Optional.empty();
        }
        String username = firstNonBlank(claims.get("cognito:username"), claims.get("username"), claims.get("sub"));
        String facility = claims.get(FACILITY_CLAIM);
        return Optional.of(new Caller(claims.get("sub"), username, groups(claims.get(GROUPS_CLAIM)),
                blank(facility) ? null : facility.strip()));
    }

    /**
     * API Gateway hands array claims over as text: {@code [operators hospital-admins]} for an HTTP
     * API, sometimes {@code ["operators","x"]} or {@code operators,x}; every form is read.
     */
    public static Set<String> groups(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(claim.split("[\\[\\]\",\\s]+")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean operator() {
        return groups.contains(OPERATORS);
    }

    /** Acts for one facility only: a hospital identity that is not an operator. */
    public boolean hospital() {
        return !operator() && facilityId != null;
    }

    /** May this caller act on data of {@code facility} (report its stock, see or manage its subscriptions)? */
    public boolean mayActFor(String facility) {
        return operator() || (facilityId != null && facilityId.equals(facility));
    }

    /** What audit trails and logs record as "who": the username, or the subject when there is none. */
    public String who() {
        return username;
    }

    /** A short label for logs that names no person. */
    public String describe() {
        return operator() ? "operator" : facilityId != null ? "facility:" + facilityId : "other";
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
