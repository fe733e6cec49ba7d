package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.NoticeMessage;
import fr.vigie.domain.OutgoingEvent;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.AlertChannels.Notice;
import fr.vigie.port.AlertOutbox;
import fr.vigie.port.Watchlist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one outbox dispatcher: sends the events a batch recorded (pending) and retries those a
 * previous batch could not send, in the coverage-evaluator and in {@code ./vigie replay} and
 * {@code demo} alike. Few and right: alerts of the same facility and level raised by one batch go in
 * one digest email, while each alert still has its own message for machines (the spec's JSON event)
 * and SMS. Nothing lost: only what went out is marked published; the rest is retried with backoff
 * ({@link RetrySchedule}) by a later batch, claimed first so that two concurrent runs never send the
 * same event, and never mailed twice (a digest marks its alerts emailed). Own messages leave in the
 * order the events were recorded, digests before them.
 */
public final class AlertDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatch.class);

    /** What a send or a retry did: events sent, digests sent, events left pending, pending events scheduled for a retry. */
    public record Report(int sent, int digests, int failed, int scheduled) {

        public static final Report NONE = new Report(0, 0, 0, 0);

        public Report plus(Report other) {
            return new Report(sent + other.sent, digests + other.digests, failed + other.failed, scheduled + other.scheduled);
        }
    }

    private final AlertOutbox outbox;
    private final AlertChannels channels;
    private final Watchlist watchlist;
    private final RetrySchedule schedule;
    private final boolean alone;
    /** Alone only: the outbox was last read empty and every event recorded since went out. */
    private boolean nothingPending;

    public AlertDispatch(AlertOutbox outbox, AlertChannels channels, Watchlist watchlist, RetrySchedule schedule) {
        this(outbox, channels, watchlist, schedule, false);
    }

    private AlertDispatch(AlertOutbox outbox, AlertChannels channels, Watchlist watchlist, RetrySchedule schedule, boolean alone) {
        this.outbox = outbox;
        this.channels = channels;
        this.watchlist = watchlist;
        this.schedule = schedule;
        this.alone = alone;
    }

    /**
     * The dispatcher of an outbox that no other run records into or sends from ({@code ./vigie}'s locked
     * local database): an event can then be pending only if it was at the start or if this dispatcher could
     * not send it, so {@link #retryPending} reads the outbox only then, not after every batch (issue 18:
     * the replay's pending-index queries). What it sends, and when, is the same.
     */
    public static AlertDispatch alone(AlertOutbox outbox, AlertChannels channels, Watchlist watchlist, RetrySchedule schedule) {
        return new AlertDispatch(outbox, channels, watchlist, schedule, true);
    }

    /**
     * Sends the events this run has just recorded, in their order. They are pending and unclaimed:
     * the retries of other runs leave them alone during the schedule's grace.
     */
    public Report send(List<OutgoingEvent> recorded) {
        boolean wasClear = nothingPending;
        nothingPending = false; // until every recorded event went out (a throw leaves it so)
        List<Item> batch = new ArrayList<>();
        for (OutgoingEvent event : recorded) {
            item(event, false).ifPresent(batch::add);
        }
        Report report = sendAll(batch, 0);
        nothingPending = wasClear && report.failed() == 0 && batch.size() == recorded.size();
        return report;
    }

    /**
     * Sends the pending events that are due at {@code now} (the wall clock in the function, the
     * snapshots' time in a replay): one seen for the first time is only given its grace (its own run
     * may still be sending it); one due is claimed, then sent like a batch.
     */
    public Report retryPending(Instant now) {
        if (alone && nothingPending) {
            return Report.NONE;
        }
        List<Item> due = new ArrayList<>();
        int scheduled = 0;
        List<AlertOutbox.Pending> pending = outbox.pending();
        nothingPending = alone && pending.isEmpty();
        for (AlertOutbox.Pending p : pending) {
            if (p.retryAfter() == null && !schedule.grace().isZero()) {
                if (outbox.claim(p, schedule.firstTry(now), false)) {
                    scheduled++;
                }
                continue;
            }
            if (p.retryAfter() != null && p.retryAfter().isAfter(now)) {
                continue;
            }
            Optional<Item> item = item(p.event(), p.emailSent());
            if (item.isPresent() && outbox.claim(p, schedule.afterAttempt(now, p.attempts() + 1), true)) {
                due.add(item.get());
            }
        }
        return sendAll(due, scheduled);
    }

    /** The event as something to send: an alert with its device from the watch-list, or a national, silence or notice event. */
    private Optional<Item> item(OutgoingEvent event, boolean emailSent) {
        if (event instanceof AlertEvent alert) {
            Optional<WatchlistEntry> device = watchlist.entry(alert.deviceId());
            if (device.isEmpty()) {
                LOG.atWarn().addKeyValue("alertId", alert.alertId()).addKeyValue("facilityId", alert.facilityId())
                        .addKeyValue("deviceId", alert.deviceId()).addKeyValue("reason", "device_not_in_watchlist").log("alert_send_skipped");
                return Optional.empty();
            }
            return Optional.of(new Item(event, new Notice(alert, device.get()), emailSent));
        }
        if (event instanceof NoticeMessage message && !message.operators() && watchlist.entry(message.deviceId()).isEmpty()) {
            LOG.atWarn().addKeyValue("noticeId", message.event().noticeId()).addKeyValue("facilityId", message.facilityId())
                    .addKeyValue("deviceId", message.deviceId()).addKeyValue("reason", "device_not_in_watchlist").log("notice_send_skipped");
            return Optional.empty();
        }
        return Optional.of(new Item(event, null, true));
    }

    private Report sendAll(List<Item> items, int scheduled) {
        Map<String, List<Item>> toMail = new LinkedHashMap<>();
        for (Item i : items) {
            if (!i.emailSent) {
                AlertEvent e = i.notice.event();
                toMail.computeIfAbsent(e.facilityId() + "#" + e.level(), k -> new ArrayList<>()).add(i);
            }
        }
        int digests = 0;
        int failed = 0;
        Set<Item> held = new HashSet<>();
        // mailed in a digest: marked so in the outbox only if its own message fails (then a retry must not mail it
        // again); sent, it leaves the outbox and the mark would be one more write for nothing
        Set<Item> digested = new HashSet<>();
        for (List<Item> group : toMail.values()) {
            if (group.size() < 2) {
                continue;
            }
            try {
                channels.digest(group.stream().map(i -> i.notice).toList());
                digests++;
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("facilityId", group.get(0).notice.event().facilityId()).addKeyValue("alerts", group.size())
                        .addKeyValue("pending", true).addKeyValue("cause", e.toString()).log("alert_digest_failed");
                // the whole group waits for the retry, which mails it again as one digest
                held.addAll(group);
                continue;
            }
            for (Item i : group) {
                i.emailSent = true;
                digested.add(i);
            }
        }
        int sent = 0;
        for (Item i : items) {
            if (held.contains(i)) {
                failed++;
                continue;
            }
            try {
                if (i.notice != null) {
                    channels.alert(i.notice, !i.emailSent);
                } else if (i.event instanceof StaleDataEvent stale) {
                    channels.staleData(stale, stale.facilityWide() ? null : watchlist.entry(stale.deviceId()).orElse(null));
                } else if (i.event instanceof NoticeMessage message) {
                    sendNotice(message);
                } else {
                    channels.national((SupplyDisruptionEvent) i.event);
                }
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("id", id(i.event)).addKeyValue("pending", true).addKeyValue("cause", e.toString()).log("alert_publish_failed");
                if (digested.contains(i)) {
                    outbox.markEmailed(i.notice.event());
                }
                failed++;
                continue;
            }
            outbox.markPublished(i.event);
            sent++;
        }
        return new Report(sent, digests, failed, scheduled);
    }

    /** A notice's message as the intake would have sent it: the operators' event, or a receiving facility's message. */
    private void sendNotice(NoticeMessage message) {
        if (message.operators()) {
            channels.supplyNotice(message.event());
        } else {
            channels.facilityNotice(message.facilityId(), watchlist.entry(message.deviceId()).orElseThrow(), message.record());
        }
    }

    private static String id(OutgoingEvent event) {
        if (event instanceof StaleDataEvent s) {
            return s.silenceId() + "#" + s.status();
        }
        if (event instanceof NoticeMessage n) {
            return n.event().noticeId() + "#" + n.event().status() + "#" + n.facilityId();
        }
        return event instanceof AlertEvent a ? a.alertId() : ((SupplyDisruptionEvent) event).disruptionId();
    }

    /** One event to send; {@code notice} is null for a national, silence or notice event, which has no email to group. */
    private static final class Item {
        final OutgoingEvent event;
        final Notice notice;
        boolean emailSent;

        Item(OutgoingEvent event, Notice notice, boolean emailSent) {
            this.event = event;
            this.notice = notice;
            this.emailSent = emailSent;
        }
    }
}
