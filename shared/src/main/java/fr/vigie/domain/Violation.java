package fr.vigie.domain;

/**
 * One broken rule of an input, naming where it is: {@code entry} is the watch-list entry (its
 * deviceId, or its position when it has none), {@code field} the JSON field, {@code message} why
 * in plain French for the operator.
 */
public record Violation(String entry, String field, String message) {
    @Override
    public String toString() {
        return "entrée " + entry + ", champ " + field + " : " + message;
    }
}
