package fr.vigie.domain.retex;

import fr.vigie.domain.Facility;
import fr.vigie.domain.Season;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;

import java.util.List;
import java.util.Map;

/**
 * What the season's report shows, once the series have streamed through: small whatever the
 * season's size (per-day curves, per-area totals, per-facility lines, the most affected series,
 * the what-if grids and next season's list).
 *
 * @param firstDay        season day index of the first snapshot (0 when none)
 * @param lastDay         season day index of the last snapshot
 * @param devices         the devices observed in the season, as in force at its end
 * @param unobserved      the devices of the season's list that no facility reported
 * @param watchlist       every device's versions, by device id
 * @param national        per observed device id, the nation's totals and curve
 * @param regional        per region code ("" when unknown), per observed device id, the region's totals and curve
 * @param disruptions     per device id, its national supply disruption events, oldest first
 * @param mostAffected    the series with the most stock-out days, then critical days, worst first
 * @param facilities      every registered facility, by id
 * @param facilityReviews per reporting facility, by id
 * @param grids           per observed device id, its what-if grid
 * @param recommendations next season's list
 * @param suppliers       supplier concentration of the list
 * @param forewarnings    the season's national signals and the lead they gave
 * @param silences        the season's silences (STALE_DATA), facility by facility, oldest first
 */
public record SeasonOverview(Season season, int firstDay, int lastDay, List<WatchlistEntry> devices, List<WatchlistEntry> unobserved,
                             Map<String, DeviceHistory> watchlist, Map<String, ReviewTotals> national,
                             Map<String, Map<String, ReviewTotals>> regional, Map<String, List<SupplyDisruptionEvent>> disruptions,
                             List<SeriesReview> mostAffected, Map<String, Facility> facilities, List<FacilityReview> facilityReviews,
                             Map<String, ThresholdGrid> grids, List<Recommendation> recommendations, List<SupplierShare> suppliers,
                             List<Forewarning> forewarnings, long snapshots, long alertEvents, List<SilenceGap> silences) {

    /** Facilities with at least one snapshot in the season. */
    public int reporting() {
        return facilityReviews.size();
    }
}
