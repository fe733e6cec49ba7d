package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.retex.DeviceHistory;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the RETEX reads of a season, one series at a time by key range: the facilities and the
 * watch-list say which series exist, so nothing is ever scanned.
 */
public interface SeasonArchive {

    /** Every facility that ever reported, with its region when known. */
    List<Facility> facilities();

    /** Every device the watch-list holds, active or not, with its versions in time order (the registry's audit trail). */
    List<DeviceHistory> watchlist();

    /** Hands the series' snapshots between two instants (included) to {@code sink}, oldest first, as they are read. */
    void snapshots(SeriesKey series, Instant from, Instant to, Consumer<Snapshot> sink);

    /** The series' alert events between two instants (included), oldest first: a handful per season. */
    List<AlertEvent> alertEvents(SeriesKey series, Instant from, Instant to);

    /** The device's national supply disruption events between two instants (included), oldest first. */
    List<SupplyDisruptionEvent> disruptionEvents(String deviceId, Instant from, Instant to);

    /** The facility's STALE_DATA events (its silences and returns, spec section 3) between two instants (included), oldest first. */
    List<StaleDataEvent> staleDataEvents(String facilityId, Instant from, Instant to);
}
