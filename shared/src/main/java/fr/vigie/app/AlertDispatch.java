package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.AlertChannels.Notice;
import fr.vigie.port.AlertOutbox;
import fr.vigie.port.AlertPublisher;
import fr.vigie.port.AlertStore;
import fr.vigie.port.Watchlist;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the alerts of one batch (a stream batch of the coverage-evaluator) and retries those a
 * previous batch could not send. Few and right: alerts of the same facility and level raised by one
 * batch go in one digest email, while each alert still has its own message for machines (the spec's
 * JSON event) and SMS. Nothing lost: events are recorded pending before this runs, and only what
 * went out is marked published; the rest is retried with backoff ({@link RetrySchedule}) by a later
 * batch, claimed first so that two concurrent runs never send the same alert, and never mailed twice
 * (a digest marks its alerts emailed).
 *
 * <p>Give {@link CoverageEvaluation} {@link #collector} as its publisher and {@link #deferringMarks}
 * as its store, evaluate the batch, then call {@link #send()} and {@link #retryPending()}.
 */
public final class AlertDispatch {

    private static final Logger LOG = Logger.getLogger(AlertDispatch.class.getName());

    /** What a send or a retry did: alerts sent, digests sent, alerts left pending, pending alerts scheduled for a retry. */
    public record Report(int sent, int digests, int failed, int scheduled) {
    }

    private final AlertOutbox outbox;
    private final AlertChannels channels;
    private final Watchlist watchlist;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final List<Notice> collected = new ArrayList<>();

    public AlertDispatch(AlertOutbox outbox, AlertChannels channels, Watchlist watchlist, RetrySchedule schedule, Clock clock) {
        this.outbox = outbox;
        this.channels = channels;
        this.watchlist = watchlist;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** A publisher that keeps facility alerts for {@link #send()} and passes national events to {@code national} at once. */
    public AlertPublisher collector(AlertPublisher national) {
        return new AlertPublisher() {
            @Override
            public void publish(AlertEvent event, WatchlistEntry device) {
                collected.add(new Notice(event, device));
            }

            @Override
            public void publish(SupplyDisruptionEvent event) {
                national.publish(event);
            }
        };
    }

    /** The store as the evaluation should see it: marking an event published is left to this dispatch, after sending. */
    public AlertStore deferringMarks(AlertStore store) {
        return new AlertStore() {
            @Override
            public AlertState state(SeriesKey series) {
                return store.state(series);
            }

            @Override
            public void saveState(SeriesKey series, AlertState state) {
                store.saveState(series, state);
            }

            @Override
            public boolean recordTransition(AlertEvent event, AlertState state) {
                return store.recordTransition(event, state);
            }

            @Override
            public List<AlertEvent> pending() {
                return store.pending();
            }

            @Override
            public void markPublished(AlertEvent event) {
                // sent (and marked) by send(), once the batch is complete
            }
        };
    }

    /** Sends the alerts collected from the batch, grouped by facility and level. */
    public Report send() {
        List<Item> batch = new ArrayList<>();
        collected.forEach(n -> batch.add(new Item(n, false)));
        collected.clear();
        return sendAll(batch, 0);
    }

    /**
     * Sends the pending alerts that are due: one seen for the first time is only given its grace
     * (its own run may still be sending it); one due is claimed, then sent like a batch.
     */
    public Report retryPending() {
        Instant now = clock.instant();
        List<Item> due = new ArrayList<>();
        int scheduled = 0;
        for (AlertOutbox.Pending p : outbox.pending()) {
            if (p.retryAfter() == null && !schedule.grace().isZero()) {
                if (outbox.claim(p, schedule.firstTry(now), false)) {
                    scheduled++;
                }
                continue;
            }
            if (p.retryAfter() != null && p.retryAfter().isAfter(now)) {
                continue;
            }
            Optional<WatchlistEntry> device = watchlist.entry(p.event().deviceId());
            if (device.isEmpty()) {
                LOG.log(Level.WARNING, "alert_retry_skipped alertId={0} reason=device_not_in_watchlist", p.event().alertId());
                continue;
            }
            if (outbox.claim(p, schedule.afterAttempt(now, p.attempts() + 1), true)) {
                due.add(new Item(new Notice(p.event(), device.get()), p.emailSent()));
            }
        }
        return sendAll(due, scheduled);
    }

    private Report sendAll(List<Item> items, int scheduled) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (Item i : items) {
            AlertEvent e = i.notice.event();
            groups.computeIfAbsent(e.facilityId() + "#" + e.level(), k -> new ArrayList<>()).add(i);
        }
        int sent = 0;
        int digests = 0;
        int failed = 0;
        for (List<Item> group : groups.values()) {
            List<Item> toMail = group.stream().filter(i -> !i.emailSent).toList();
            if (toMail.size() >= 2) {
                try {
                    channels.digest(toMail.stream().map(i -> i.notice).toList());
                    digests++;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "alert_digest_failed facilityId={0} alerts={1} pending=true cause={2}",
                            new Object[]{group.get(0).notice.event().facilityId(), group.size(), e.toString()});
                    failed += group.size();
                    continue;
                }
                for (Item i : toMail) {
                    i.emailSent = true;
                    outbox.markEmailed(i.notice.event());
                }
            }
            for (Item i : group) {
                try {
                    channels.alert(i.notice, !i.emailSent);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "alert_publish_failed alertId={0} pending=true cause={1}",
                            new Object[]{i.notice.event().alertId(), e.toString()});
                    failed++;
                    continue;
                }
                outbox.markPublished(i.notice.event());
                sent++;
            }
        }
        return new Report(sent, digests, failed, scheduled);
    }

    private static final class Item {
        final Notice notice;
        boolean emailSent;

        Item(Notice notice, boolean emailSent) {
            this.notice = notice;
            this.emailSent = emailSent;
        }
    }
}
