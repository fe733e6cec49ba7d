package fr.vigie.domain.followup;

import java.util.List;

/**
 * A watch-list entry's optional follow-up settings (issue 22, documented in docs/watchlist.md):
 * {@code escalationHours}, the delay after which its unacknowledged CRITICALs go to the region's
 * operators (1 to 168 hours; null: {@link EscalationRule#DEFAULT}'s 12 hours), and
 * {@code alternatives}, what may replace the device when it runs out — other references
 * ({@code supplier} and {@code ref}, shaped as {@code references}) or another family of the
 * watch-list ({@code deviceId}) — each with an optional free-text {@code note}.
 */
public record DeviceFollowUp(Integer escalationHours, List<Alternative> alternatives) {

    public static final int MAX_ESCALATION_HOURS = 168;
    public static final DeviceFollowUp NONE = new DeviceFollowUp(null, List.of());

    /** One alternative: a reference ({@code supplier}, {@code ref}) or a watch-list family ({@code deviceId}). */
    public record Alternative(String supplier, String ref, String deviceId, String note) {

        /** How texts name it: "NC210-M (FAB-BRETMED)", or the family's name when {@code familyName} knows it. */
        public String label(String familyName) {
            String what = deviceId != null ? (familyName != null ? familyName + " (" + deviceId + ")" : deviceId)
                    : ref + (supplier == null ? "" : " (" + supplier + ")");
            return note == null ? what : what + " : " + note;
        }
    }

    public DeviceFollowUp {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
