package fr.vigie.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a parsed snapshot must meet before it is stored, on every path (HTTP reports, file drops,
 * polls, replays), issue 17 "Time and identity of a snapshot":
 * <ul>
 * <li>facility and device ids follow {@link Identifier#valid} ({@code INVALID_IDENTIFIER});</li>
 * <li>its time lies within {@code [received - behind, received + ahead]} ({@code TIMESTAMP_OUT_OF_RANGE}),
 * defaults 400 days and 1 day: a future-dated row would otherwise close a real alert and make every
 * later real row of its series look late; and always from 2000 ({@link #FIRST_PLAUSIBLE}) to the year 9999,
 * the last the fixed-width sort keys ({@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}) order as time does;</li>
 * <li>its facility is one the registry holds, when the registry holds any ({@code UNKNOWN_FACILITY}).</li>
 * </ul>
 */
public final class SnapshotAdmission {

    /** How far after and before the time received a snapshot may be dated. */
    public record Window(Duration ahead, Duration behind) {
        public static final Window DEFAULT = new Window(Duration.ofDays(1), Duration.ofDays(400));

        public Window {
            if (ahead.isNegative() || behind.isNegative()) {
                throw new IllegalArgumentException("window bounds must not be negative: ahead " + ahead + ", behind " + behind);
            }
        }
    }

    /**
     * No stock count Vigie reads predates 2000: an earlier time is a default put in an empty field (1970-01-01,
     * the Unix clocks' origin; 1899-12-30, a spreadsheet's day 0). Refused whatever the base, since in a
     * replay a feed's first row is its own base.
     */
    static final Instant FIRST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");
    /** The last instant the snapshot keys sort correctly (four-digit years). */
    static final Instant LAST_KEY = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Window window;
    private final Predicate<String> knownFacility;

    /**
     * @param knownFacility whether the registry holds a facility; {@code id -> true} when it holds none
     */
    public SnapshotAdmission(Window window, Predicate<String> knownFacility) {
        this.window = window;
        this.knownFacility = knownFacility;
    }

    /** Default window, any facility (an empty registry). */
    public static SnapshotAdmission any() {
        return new SnapshotAdmission(Window.DEFAULT, id -> true);
    }

    public SnapshotAdmission withFacilities(Predicate<String> known) {
        return new SnapshotAdmission(window, known);
    }

    public SnapshotAdmission withWindow(Window w) {
        return new SnapshotAdmission(w, knownFacility);
    }

    /**
     * Why {@code s} (at {@code line}) may not be stored, or empty when it may.
     *
     * @param latestAllowed the time the row is received: the row may be at most {@code ahead} after it
     * @param earliestBase  the time the row may be at most {@code behind} before (the time received,
     *                      or in a replay the feed's own clock)
     */
    public Optional<RejectedRow> refusal(long line, Snapshot s, Instant latestAllowed, Instant earliestBase) {
        if (!Identifier.valid(s.facilityId())) {
            return refuse(line, RejectedRow.RejectCode.INVALID_IDENTIFIER, "identifiant d'établissement invalide « "
                    + Excerpt.of(s.facilityId()) + " » (2 à 40 caractères A-Z, 0-9 et -)");
        }
        if (!Identifier.valid(s.deviceId())) {
            return refuse(line, RejectedRow.RejectCode.INVALID_IDENTIFIER, "identifiant de dispositif invalide « "
                    + Excerpt.of(s.deviceId()) + " » (2 à 40 caractères A-Z, 0-9 et -)");
        }
        Instant at = s.timestamp();
        if (at.isBefore(FIRST_PLAUSIBLE)) {
            return refuse(line, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE, "horodatage avant l'an 2000 : " + SHOWN.format(at)
                    + ", une date par défaut (champ vide) ?");
        }
        if (at.isAfter(LAST_KEY)) {
            return refuse(line, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE, "horodatage après l'an 9999 : " + at);
        }
        Instant last = latestAllowed.plus(window.ahead());
        if (at.isAfter(last)) {
            return refuse(line, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE, "horodatage dans le futur : " + SHOWN.format(at)
                    + ", plus de " + days(window.ahead()) + " après sa réception (" + SHOWN.format(latestAllowed) + ")");
        }
        Instant first = earliestBase.minus(window.behind());
        if (at.isBefore(first)) {
            return refuse(line, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE, "horodatage trop ancien : " + SHOWN.format(at)
                    + ", plus de " + days(window.behind()) + " avant " + SHOWN.format(earliestBase));
        }
        if (!knownFacility.test(s.facilityId())) {
            return refuse(line, RejectedRow.RejectCode.UNKNOWN_FACILITY, "établissement inconnu du registre : " + Excerpt.of(s.facilityId()));
        }
        return Optional.empty();
    }

    private static Optional<RejectedRow> refuse(long line, RejectedRow.RejectCode code, String message) {
        return Optional.of(new RejectedRow(line, code, message));
    }

    private static String days(Duration d) {
        long hours = d.toHours();
        return hours % 24 == 0 ? (hours / 24) + (hours == 24 ? " jour" : " jours") : hours + " h";
    }
}
