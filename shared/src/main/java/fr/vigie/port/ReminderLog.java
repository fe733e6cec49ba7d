package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SeriesKey;

import java.time.Instant;
import java.util.Optional;

/** What reminders need to know of a series: its last alert event and its last reminder, claimed before sending. */
public interface ReminderLog {

    /** The last reminder of a series: which alert, when (snapshot time). */
    record Reminded(String alertId, Instant at) {
    }

    /** The series' latest alert event (the open alert when its level is WARNING or CRITICAL). */
    Optional<AlertEvent> lastEvent(SeriesKey series);

    Optional<Reminded> lastReminder(SeriesKey series);

    /**
     * Records a reminder of {@code alertId} at {@code at}, on condition that the last one is still
     * {@code expected} (null: none): false when another run reminded meanwhile.
     */
    boolean claim(SeriesKey series, Reminded expected, Reminded next);

    /** Puts {@code previous} back after {@code claimed} could not be sent, so a later snapshot tries again. */
    void release(SeriesKey series, Reminded claimed, Reminded previous);
}
