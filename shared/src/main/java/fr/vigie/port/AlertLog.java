package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertQuery;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.SupplyDisruptionEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the console reads of the alerts table: open alerts, the history of events, disruptions. Read only. */
public interface AlertLog {

    /** One page of alert events, newest first, and the cursor of the next page (null on the last). */
    record Page(List<AlertEvent> events, String next) {
        public Page {
            events = List.copyOf(events);
        }
    }

    /** Every series whose alert is open now. */
    List<OpenAlert> open();

    /** The series' last alert event, if any. */
    Optional<AlertEvent> lastEvent(SeriesKey series);

    /** The series' events between two instants (included), oldest first. */
    List<AlertEvent> events(SeriesKey series, Instant from, Instant to);

    /** A page of the history of alert events matching {@code query}, newest first. */
    Page search(AlertQuery query);

    /** The device's supply disruption events between two instants (included), oldest first. */
    List<SupplyDisruptionEvent> disruptions(String deviceId, Instant from, Instant to);
}
