package fr.vigie.domain;

import java.util.List;

/**
 * A use case's "no", said in French for the person who asked: what kind of refusal ({@link Kind})
 * and why. The HTTP kit answers it as an RFC 7807 problem (INVALID 400, FORBIDDEN 403, NOT_FOUND
 * 404, EXISTS, CONFLICT and QUOTA 409, PRECONDITION 428, LIMIT 429 (too many requests for now));
 * the command line prints it.
 * {@code violations} lists every invalid field (INVALID only); {@code currentVersion} is the
 * stored version a CONFLICT or an EXISTS met (-1 otherwise).
 */
public final class Refusal extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, EXISTS, CONFLICT, QUOTA, PRECONDITION, LIMIT }

    private final Kind kind;
    private final transient List<Violation> violations;
    private final long currentVersion;

    private Refusal(Kind kind, String detail, List<Violation> violations, long currentVersion) {
        super(detail, null, false, false);
        this.kind = kind;
        this.violations = List.copyOf(violations);
        this.currentVersion = currentVersion;
    }

    public static Refusal invalid(String detail, List<Violation> violations) {
        return new Refusal(Kind.INVALID, detail, violations, -1);
    }

    public static Refusal forbidden(String detail) {
        return new Refusal(Kind.FORBIDDEN, detail, List.of(), -1);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, detail, List.of(), -1);
    }

    public static Refusal exists(String detail, long currentVersion) {
        return new Refusal(Kind.EXISTS, detail, List.of(), currentVersion);
    }

    public static Refusal conflict(String detail, long currentVersion) {
        return new Refusal(Kind.CONFLICT, detail, List.of(), currentVersion);
    }

    public static Refusal precondition(String detail) {
        return new Refusal(Kind.PRECONDITION, detail, List.of(), -1);
    }

    /** A cap reached (so many subscriptions per facility): 409 until one is removed. */
    public static Refusal quota(String detail) {
        return new Refusal(Kind.QUOTA, detail, List.of(), -1);
    }

    /** Too many requests in a window: 429, to try again later. */
    public static Refusal limit(String detail) {
        return new Refusal(Kind.LIMIT, detail, List.of(), -1);
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> violations() {
        return violations;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
