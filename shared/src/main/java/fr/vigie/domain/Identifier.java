package fr.vigie.domain;

import java.util.regex.Pattern;

/**
 * The one rule for facility and device identifiers, wherever they enter Vigie (registry, watch-list,
 * reports, file drops, polls, replays): 2 to 40 characters of {@code A-Z 0-9 -} (spec section 1).
 * The rule keeps every id safe as a DynamoDB key part ({@code #} is the key separator), in a CSV
 * cell (no formula prefix) and in a page or a log line.
 */
public final class Identifier {

    private static final Pattern ID = Pattern.compile("[A-Z0-9-]{2,40}");

    private Identifier() {
    }

    /** True when {@code id} is a well-formed facility or device identifier; false for null. */
    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
