package fr.vigie.domain.retex;

import fr.vigie.domain.Thresholds;

/**
 * One line of next season's list (recommendations.csv, docs/retex.md): what to do with a device and why.
 *
 * @param current  the thresholds in force at the season's end (null for a device to add)
 * @param proposed the thresholds proposed (null when none are: a device to add, to drop, without data)
 * @param now      the what-if figures under today's thresholds (null without what-if)
 * @param then     the what-if figures under the proposed thresholds (null without what-if)
 * @param reason   why, in French, for the operators
 */
public record Recommendation(String deviceId, String name, Action action, Thresholds current, Thresholds proposed,
                             ThresholdGrid.Point now, ThresholdGrid.Point then, String reason) {

    public enum Action {
        /** Keep today's thresholds. */
        KEEP,
        /** Change the thresholds to the proposed ones. */
        CHANGE,
        /** No thresholds warn every stock-out 7 days ahead: act on supply, not on thresholds. */
        SUPPLY,
        /** Never under tension this season: a candidate to drop. */
        DROP,
        /** Outside the list, yet under a national disruption or a manufacturer's notice: a candidate to add. */
        ADD,
        /** Listed but never reported: check that facilities declare it. */
        NO_DATA
    }
}
