package fr.vigie.domain;

/**
 * One broken rule of an input, naming where it is: {@code entry} is the watch-list entry (its
 * deviceId, or its position when it has none), {@code field} the JSON field, {@code message} why
 * in plain French for the operator.
 */
public record Violation(String entry, String field, String message) {

    /** An entry is often labelled by an id received (a watch-list deviceId, a facilityId): quoted as {@link Excerpt}. */
    public Violation {
        entry = entry == null ? null : Excerpt.of(entry);
    }

    @Override
    public String toString() {
        return "entrée " + entry + ", champ " + field + " : " + message;
    }
}
