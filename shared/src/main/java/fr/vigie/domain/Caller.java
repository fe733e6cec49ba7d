package fr.vigie.domain;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who calls an API, from the JWT claims the HTTP API's authorizer has already verified
 * (signature, issuer, audience, expiry): a national operator (Cognito group {@code operators} in
 * {@code cognito:groups}), a regional operator (group {@code operators-NN}, NN the INSEE code of a
 * {@link Region}: {@code operators-11} is Île-de-France's regional health agency), a hospital (claim
 * {@code custom:facilityId}), someone else signed in, or nobody. Group names are compared exactly:
 * {@code Operators}, {@code operators-}, {@code operators-99}, {@code "operators "} or a lookalike
 * letter give no role. The use cases decide with it what the identity may do, so each rule holds
 * even if a route were deployed without the authorizer.
 */
public record Caller(String subject, String username, Set<String> groups, String facilityId) {

    public static final String OPERATORS = "operators";
    /** A regional operators' group is this prefix and a region's INSEE code ({@code operators-11}). */
    public static final String REGIONAL_OPERATORS_PREFIX = OPERATORS + "-";
    public static final String GROUPS_CLAIM = "cognito:groups";
    public static final String FACILITY_CLAIM = "custom:facilityId";

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(?:,\\s*(?=\")|$)");
    private static final Pattern REGION_CODE = Pattern.compile("[0-9]{2}");

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
     * API (space-separated: Cognito group names hold no white space), sometimes
     * {@code ["operators","x"]} (each name as quoted) or {@code operators,x}. Names are kept exactly
     * as they are, punctuation included, so that {@code operators,} or {@code "operators "} never
     * reads as {@code operators}.
     */
    public static Set<String> groups(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        String c = claim.strip();
        if (c.startsWith("[") && c.endsWith("]")) {
            String inner = c.substring(1, c.length() - 1).strip();
            if (inner.startsWith("\"")) {
                return quoted(inner);
            }
            return Arrays.stream(inner.split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }
        return Arrays.stream(c.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** The names of a JSON array of strings, each as written between its quotes; nothing when it is not one. */
    private static Set<String> quoted(String inner) {
        Matcher m = QUOTED.matcher(inner);
        Set<String> out = new HashSet<>();
        int at = 0;
        while (m.find(at) && m.start() == at) {
            out.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            at = m.end();
        }
        return at == inner.length() ? Set.copyOf(out) : Set.of();
    }

    /** The regions a regional operator acts for: INSEE codes of its {@code operators-NN} groups that name a real region. */
    public Set<String> operatorRegions() {
        return groups.stream().filter(g -> g.startsWith(REGIONAL_OPERATORS_PREFIX))
                .map(g -> g.substring(REGIONAL_OPERATORS_PREFIX.length()))
                .filter(code -> REGION_CODE.matcher(code).matches() && Region.ofCode(code).isPresent())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** An operator of one or more regions, not of the whole country. */
    public boolean regionalOperator() {
        return !operator() && !operatorRegions().isEmpty();
    }

    /** A national or a regional operator. */
    public boolean anyOperator() {
        return operator() || !operatorRegions().isEmpty();
    }

    /** May this caller act as an operator in region {@code code} (national operators: everywhere)? */
    public boolean operatesIn(String regionCode) {
        return operator() || (regionCode != null && operatorRegions().contains(regionCode));
    }

    public boolean operator() {
        return groups.contains(OPERATORS);
    }

    /** Acts for one facility only: a hospital identity that is no operator, national or regional. */
    public boolean hospital() {
        return !anyOperator() && facilityId != null;
    }

    /**
     * May this caller act on data of {@code facility} (report its stock, see or manage its
     * subscriptions) without knowing the facility's region? A national operator or the facility's
     * own hospital; a regional operator also may for its region's facilities, which the use cases
     * check with the registry ({@link #operatesIn}).
     */
    public boolean mayActFor(String facility) {
        return operator() || (facilityId != null && facilityId.equals(facility));
    }

    /** What audit trails and logs record as "who": the username, or the subject when there is none. */
    public String who() {
        return username;
    }

    /** A short label for logs that names no person. */
    public String describe() {
        if (operator()) {
            return "operator";
        }
        if (regionalOperator()) {
            return "operator:" + String.join(",", operatorRegions().stream().sorted().toList());
        }
        return facilityId != null ? "facility:" + facilityId : "other";
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
