package fr.vigie.app;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.RollingCloses;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.port.AlertStore;
import fr.vigie.port.SnapshotStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What the evaluator reads of a series, rebuilt from its rolling state (issue 18) instead of a
 * re-read of its {@link SeriesEvaluator#HISTORY_DAYS}-day window: the daily closes the state holds,
 * then today's readings, taken from the facility's polls of today in one read shared by all the
 * devices of a poll. The days since the state's last close are closed from the facility's polls of
 * those days, read with today's; the state is saved when that saves re-reading a day of hourly polls
 * ({@value #READINGS_WORTH_A_WRITE} readings) or a week: once a day for a series polled hourly, once a
 * week for one reported daily (a write a day would cost it more than the reads it saves). A series
 * without a state (its first evaluation) closes its window from the polls the same way, and is saved.
 * <p>
 * The past is the {@link fr.vigie.domain.forecast.DailyCloses} of whole days: where the old window
 * cut its first day at the evaluated instant minus {@link SeriesEvaluator#HISTORY_DAYS} days, that
 * day's close now counts the whole day (the same for a series reported once a day).
 */
final class RollingHistory {

    /** Days of closes a state keeps: the window and the day it starts in. */
    static final int KEEP_DAYS = SeriesEvaluator.HISTORY_DAYS + 1;
    /** Readings of past days worth a state write: a day of hourly polls (a series polled hourly is closed daily). */
    static final int READINGS_WORTH_A_WRITE = 24;
    /** Days after which the closes are written whatever the readings (a series reported daily is closed weekly). */
    static final int DAYS_WORTH_A_WRITE = 7;

    private final SnapshotStore snapshots;
    private final AlertStore states;
    /** The last facility read: its polls from {@code readFrom} to {@code readTo}. */
    private String readFacility;
    private Instant readFrom;
    private Instant readTo;
    private List<Snapshot> read = List.of();

    RollingHistory(SnapshotStore snapshots, AlertStore states) {
        this.snapshots = snapshots;
        this.states = states;
    }

    /**
     * @param latest the snapshot evaluated
     * @param held   the series' state as read for this evaluation
     * @return the series' history as {@link SeriesEvaluator#evaluate} takes it: past days' closes, then
     * today's snapshots up to {@code latest}, oldest first
     */
    List<Snapshot> of(Snapshot latest, RollingCloses held) {
        ZoneId zone = SeriesEvaluator.zoneOf(latest.facilityId());
        LocalDate today = LocalDays.of(latest.timestamp(), zone);
        Instant windowStart = latest.timestamp().minus(Duration.ofDays(SeriesEvaluator.HISTORY_DAYS));
        RollingCloses closes = held;
        Instant from = LocalDays.startOf(today, zone);
        if (!held.closedFor(today)) {
            LocalDate first = LocalDays.of(windowStart, zone);
            if (held.closedBefore() != null && held.closedBefore().isAfter(first)) {
                first = held.closedBefore();
            }
            from = LocalDays.startOf(first, zone);
        }
        List<Snapshot> readings = readings(latest.series(), from, latest.timestamp());
        if (!held.closedFor(today)) {
            closes = held.closedUpTo(today, readings, zone, KEEP_DAYS);
            long past = readings.stream().filter(s -> LocalDays.of(s.timestamp(), zone).isBefore(today)).count();
            if (held.closedBefore() == null || past >= READINGS_WORTH_A_WRITE
                    || !held.closedBefore().plusDays(DAYS_WORTH_A_WRITE).isAfter(today)) {
                states.saveCloses(latest.series(), closes);
            }
        }
        List<Snapshot> history = closes.window(latest.timestamp(), SeriesEvaluator.HISTORY_DAYS, today, zone);
        for (Snapshot s : readings) {
            if (LocalDays.of(s.timestamp(), zone).equals(today)) {
                history.add(s);
            }
        }
        return history;
    }

    /** The series' readings between two instants, from one read of its facility's polls for all the poll's devices. */
    private List<Snapshot> readings(SeriesKey series, Instant from, Instant to) {
        boolean fresh = false;
        if (!series.facilityId().equals(readFacility) || !to.equals(readTo) || from.isBefore(readFrom)) {
            reread(series.facilityId(), from, to);
            fresh = true;
        }
        List<Snapshot> out = ofSeries(series, from);
        if (!fresh && (out.isEmpty() || !out.get(out.size() - 1).timestamp().equals(to))) {
            // a device added to that poll since it was read (a second report at the same instant)
            reread(series.facilityId(), from, to);
            out = ofSeries(series, from);
        }
        return out;
    }

    private void reread(String facilityId, Instant from, Instant to) {
        read = snapshots.readings(facilityId, from, to);
        readFacility = facilityId;
        readFrom = from;
        readTo = to;
    }

    private List<Snapshot> ofSeries(SeriesKey series, Instant from) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : read) {
            if (s.deviceId().equals(series.deviceId()) && !s.timestamp().isBefore(from)) {
                out.add(s);
            }
        }
        return out;
    }
}
