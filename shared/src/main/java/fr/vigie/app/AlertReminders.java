package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.ReminderLog;
import fr.vigie.port.Watchlist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Reminds an alert that holds its level ({@link ReminderRule}): after a snapshot whose evaluation
 * changed nothing, the series' open alert is sent again, marked as a reminder, if its time has come.
 * The reminder is claimed in the log before it is sent (two runs never both send it; a redelivered
 * snapshot finds it done) and released if SNS fails, so the next snapshot tries again. It is an SNS
 * notification only: no alert event, nothing in the replay's JSON Lines.
 */
public final class AlertReminders {

    private static final Logger LOG = LoggerFactory.getLogger(AlertReminders.class);

    private final ReminderRule rule;
    private final ReminderLog log;
    private final AlertChannels channels;
    private final Watchlist watchlist;

    public AlertReminders(ReminderRule rule, ReminderLog log, AlertChannels channels, Watchlist watchlist) {
        this.rule = rule;
        this.log = log;
        this.channels = channels;
        this.watchlist = watchlist;
    }

    /** No reminders (the spec's rule that a level that holds sends nothing): {@link #consider} returns false at once. */
    public static AlertReminders never() {
        return new AlertReminders(new ReminderRule(0), null, null, null);
    }

    public boolean enabled() {
        return rule.enabled();
    }

    /** After {@code snapshot} held its series' level: sends the open alert's reminder if due. True when sent. */
    public boolean consider(Snapshot snapshot) {
        return consider(snapshot, null);
    }

    /**
     * The same, the reminder showing today's figures ({@code today}, the projection of {@code snapshot};
     * null: the alert's own): the open alert's id and level with the stock, use and coverage of now.
     */
    public boolean consider(Snapshot snapshot, Assessment today) {
        if (!rule.enabled()) {
            return false;
        }
        SeriesKey series = snapshot.series();
        Optional<AlertEvent> open = log.lastEvent(series).filter(e -> e.level().isOpen());
        if (open.isEmpty()) {
            return false;
        }
        AlertEvent alert = open.get();
        Optional<ReminderLog.Reminded> last = log.lastReminder(series);
        java.time.Instant lastOfThisAlert = last.filter(r -> r.alertId().equals(alert.alertId())).map(ReminderLog.Reminded::at).orElse(null);
        if (!rule.due(alert.level(), alert.at(), lastOfThisAlert, snapshot.timestamp())) {
            return false;
        }
        Optional<WatchlistEntry> device = watchlist.entry(alert.deviceId());
        if (device.isEmpty()) {
            return false;
        }
        ReminderLog.Reminded next = new ReminderLog.Reminded(alert.alertId(), snapshot.timestamp());
        if (!log.claim(series, last.orElse(null), next)) {
            return false;
        }
        try {
            channels.reminder(new AlertChannels.Notice(today == null ? alert : withFigures(alert, today), device.get()), snapshot.timestamp());
            return true;
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("alertId", alert.alertId()).addKeyValue("facilityId", alert.facilityId())
                    .addKeyValue("deviceId", alert.deviceId()).addKeyValue("cause", e.toString()).log("alert_reminder_failed");
            log.release(series, next, last.orElse(null));
            return false;
        }
    }

    /** The open alert (its id, level, reasons) with the figures of {@code today}'s snapshot, dated then. */
    private static AlertEvent withFigures(AlertEvent open, Assessment today) {
        return new AlertEvent(open.alertId(), open.facilityId(), open.deviceId(), open.level(), open.previousLevel(), today.at(),
                today.coverageDays(), today.projectedStockout(), today.onHand(), today.dailyUseForecast(), open.reasons(), open.notices());
    }
}
