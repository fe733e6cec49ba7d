package fr.vigie.port;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the console reads of a series' snapshots. Read only. */
public interface SeriesLog {

    /** The series' snapshots between two instants (included), oldest first. */
    List<Snapshot> snapshots(SeriesKey series, Instant from, Instant to);

    /** The series' last stored snapshot, if any (the last report received). */
    Optional<Snapshot> latest(SeriesKey series);
}
