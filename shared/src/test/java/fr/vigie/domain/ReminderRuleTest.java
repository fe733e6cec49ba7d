package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReminderRuleTest {

    static final Instant OPENED = Instant.parse("2025-11-02T05:00:00Z");

    static Instant day(int n) {
        return OPENED.plus(Duration.ofDays(n));
    }

    @Test
    void zeroNeverReminds() {
        ReminderRule never = new ReminderRule(0);
        assertFalse(never.enabled());
        assertFalse(never.due(AlertLevel.CRITICAL, OPENED, null, day(365)));
        assertThrows(IllegalArgumentException.class, () -> new ReminderRule(-1));
    }

    @Test
    void anOpenAlertIsRemindedEveryNDaysFromItsOpeningOrItsLastReminder() {
        ReminderRule every3 = new ReminderRule(3);
        assertFalse(every3.due(AlertLevel.WARNING, OPENED, null, day(2)));
        assertTrue(every3.due(AlertLevel.WARNING, OPENED, null, day(3)));
        assertFalse(every3.due(AlertLevel.WARNING, OPENED, day(3), day(5)), "at most once every 3 days");
        assertTrue(every3.due(AlertLevel.WARNING, OPENED, day(3), day(6)));
        assertTrue(every3.due(AlertLevel.CRITICAL, OPENED, day(-10), day(3)), "a reminder of an earlier level does not count");
        assertFalse(every3.due(AlertLevel.WARNING, OPENED, day(3), day(2)), "a late snapshot reminds nothing");
    }

    @Test
    void aClosedAlertIsNeverReminded() {
        ReminderRule every1 = new ReminderRule(1);
        assertFalse(every1.due(AlertLevel.RECOVERED, OPENED, null, day(30)));
        assertFalse(every1.due(AlertLevel.NONE, OPENED, null, day(30)));
    }

    @Test
    void retriesBackOffFromTheGraceDoublingUpToTheCap() {
        RetrySchedule s = RetrySchedule.DEFAULT;
        Instant now = Instant.parse("2025-11-02T05:00:00Z");
        assertTrue(s.firstTry(now).equals(now.plus(Duration.ofMinutes(2))));
        assertTrue(s.afterAttempt(now, 1).equals(now.plus(Duration.ofMinutes(1))));
        assertTrue(s.afterAttempt(now, 3).equals(now.plus(Duration.ofMinutes(4))));
        assertTrue(s.afterAttempt(now, 30).equals(now.plus(Duration.ofHours(1))));
    }
}
