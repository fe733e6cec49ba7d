package fr.vigie.domain.retex;

import fr.vigie.domain.Facility;
import fr.vigie.domain.Season;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;

import java.util.List;
import java.util.Map;

/**
 * What the season's report shows, once the series have streamed through: small whatever the
 * season's size (per-day curves, per-area totals, the most affected series).
 *
 * @param firstDay     season day index of the first snapshot (0 when none)
 * @param lastDay      season day index of the last snapshot
 * @param national     per device id, the nation's totals and curve
 * @param regional     per region code ("" when unknown), per device id, the region's totals and curve
 * @param disruptions  per device id, its national supply disruption events, oldest first
 * @param mostAffected the series with the most stock-out days, then critical days, worst first
 * @param facilities   every registered facility, by id
 * @param reporting    facilities with at least one snapshot in the season
 */
public record SeasonOverview(Season season, int firstDay, int lastDay, List<WatchlistEntry> devices,
                             Map<String, ReviewTotals> national, Map<String, Map<String, ReviewTotals>> regional,
                             Map<String, List<SupplyDisruptionEvent>> disruptions, List<SeriesReview> mostAffected,
                             Map<String, Facility> facilities, int reporting, long snapshots, long alertEvents) {
}
