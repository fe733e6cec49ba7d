package fr.vigie.domain;

import java.util.List;
import java.util.Optional;

/**
 * Days of projected coverage under which a device is in warning, then critical (spec section 1):
 * {@code 0 < criticalDays < warningDays <= 365}. A value that breaks the rule cannot be built.
 */
public record Thresholds(int warningDays, int criticalDays) {

    /** The longest threshold: a year of coverage. */
    public static final int MAX_DAYS = 365;

    public Thresholds {
        if (criticalDays <= 0 || criticalDays >= warningDays || warningDays > MAX_DAYS) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < criticalDays < warningDays <= " + MAX_DAYS
                    + " (got warningDays=" + warningDays + ", criticalDays=" + criticalDays + ")");
        }
    }

    /**
     * The thresholds of a watch-list entry as received (whole numbers of days, as text so that
     * "21.5" or "abc" can be named), or empty with each broken rule added to {@code violations}
     * under {@code thresholds.warningDays} / {@code thresholds.criticalDays}, in French.
     */
    public static Optional<Thresholds> parse(String label, String warningDays, String criticalDays, List<Violation> violations) {
        Integer warning = days(label, "thresholds.warningDays", warningDays, violations);
        Integer critical = days(label, "thresholds.criticalDays", criticalDays, violations);
        if (warning == null || critical == null) {
            return Optional.empty();
        }
        if (critical >= warning) {
            violations.add(new Violation(label, "thresholds.criticalDays",
                    "doit être inférieur à warningDays (" + critical + " >= " + warning + ")"));
            return Optional.empty();
        }
        return Optional.of(new Thresholds(warning, critical));
    }

    private static Integer days(String label, String field, String value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(label, field, "obligatoire (nombre entier de jours)"));
            return null;
        }
        int days;
        try {
            days = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            violations.add(new Violation(label, field, "nombre entier de jours attendu (reçu \"" + Excerpt.of(value) + "\")"));
            return null;
        }
        if (days <= 0 || days > MAX_DAYS) {
            violations.add(new Violation(label, field, "doit être compris entre 1 et " + MAX_DAYS + " (reçu " + days + ")"));
            return null;
        }
        return days;
    }
}
