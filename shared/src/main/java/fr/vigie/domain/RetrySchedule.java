package fr.vigie.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a pending alert is retried. A retry first leaves the run that recorded the event time to send
 * it ({@code grace}, longer than a function's timeout, so two runs never send the same fresh event),
 * then tries, and after each failed attempt waits twice as long as before, from {@code base} up to
 * {@code cap}.
 */
public record RetrySchedule(Duration grace, Duration base, Duration cap) {

    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofHours(1));

    /** When a retry first seen at {@code now} may take it. */
    public Instant firstTry(Instant now) {
        return now.plus(grace);
    }

    /** When the attempt number {@code attempt} (1, 2, ...) made at {@code now} may be followed by another. */
    public Instant afterAttempt(Instant now, int attempt) {
        Duration wait = base;
        for (int i = 1; i < attempt && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(cap) > 0 ? cap : wait);
    }
}
