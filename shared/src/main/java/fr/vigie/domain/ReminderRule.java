package fr.vigie.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When an alert that holds its level is reminded: at most once every {@code everyDays} days, counted
 * from the alert's opening (its last change of level) or its last reminder, in the snapshots' time
 * (never the wall clock, so a replay reminds the same way). {@code everyDays = 0} never reminds:
 * the spec's rule that a level that holds sends nothing. A reminder is not an alert event.
 */
public record ReminderRule(int everyDays) {

    public ReminderRule {
        if (everyDays < 0) {
            throw new IllegalArgumentException("everyDays must be 0 (never) or more: " + everyDays);
        }
    }

    public boolean enabled() {
        return everyDays > 0;
    }

    /**
     * @param level        the level the alert holds
     * @param openedAt     when it entered that level (the {@code at} of its last event)
     * @param lastReminder when it was last reminded at that level, or null
     * @param now          the time of the snapshot that saw the level hold
     */
    public boolean due(AlertLevel level, Instant openedAt, Instant lastReminder, Instant now) {
        if (!enabled() || !level.isOpen()) {
            return false;
        }
        Instant last = lastReminder == null || lastReminder.isBefore(openedAt) ? openedAt : lastReminder;
        return !now.isBefore(last.plus(Duration.ofDays(everyDays)));
    }
}
