package fr.vigie.app;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.RollingCloses;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.forecast.DailyCloses;
import fr.vigie.domain.forecast.LevelMachine;
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
        Instant floor = LocalDays.startOf(LocalDays.of(windowStart, zone), zone);
        // the readings since the state's last close: the days it ended were judged, what follows is not closed yet
        Instant previous = after(held, floor);
        if (previous != null && latest.timestamp().isBefore(previous)) {
            // a late row, older than the state's last close: the closes it falls in are rebuilt from the stored
            // snapshots (it is one of them now), and it is read in its own window as it stands
            // (one read: from the older of the two windows' starts up to the last close)
            Instant stateFrom = previous.minus(Duration.ofDays(SeriesEvaluator.HISTORY_DAYS + 1L));
            long back = Math.max(SeriesEvaluator.HISTORY_DAYS + 1L, Duration.between(windowStart, previous).toDays() + 1);
            List<Snapshot> read = snapshots.history(latest.series(), previous, (int) back);
            states.saveCloses(latest.series(), RollingCloses.NONE.closedUpTo(held.closedBefore(),
                    read.stream().filter(s -> !s.timestamp().isBefore(stateFrom)).toList(), null, zone, KEEP_DAYS));
            return new ArrayList<>(DailyCloses.of(read.stream().filter(s -> !s.timestamp().isBefore(windowStart)
                    && !s.timestamp().isAfter(latest.timestamp())).toList(), zone));
        }
        List<Snapshot> readings = readings(latest.series(), previous == null ? floor : previous, latest.timestamp());
        if (previous != null && !readings.isEmpty() && readings.get(0).timestamp().equals(previous)) {
            readings = readings.subList(1, readings.size());
        }
        // the judging day the evaluated snapshot ends (it opens one), or the one it is in
        Instant before = readings.size() >= 2 ? readings.get(readings.size() - 2).timestamp() : previous;
        LocalDate pending = LevelMachine.opensDay(before, latest.timestamp(), zone) ? today.plusDays(1)
                : LevelMachine.judgingDay(latest.timestamp(), zone).plusDays(1);
        RollingCloses closes = held.closedFor(pending) ? held : held.closedUpTo(pending, readings, previous, zone, KEEP_DAYS);
        Instant closed = after(closes, floor);
        if (closes != held) {
            long past = closed == null ? 0 : readings.stream().filter(s -> !s.timestamp().isAfter(closed)).count();
            if (held.closedBefore() == null || past >= READINGS_WORTH_A_WRITE
                    || !held.closedBefore().plusDays(DAYS_WORTH_A_WRITE).isAfter(pending)) {
                states.saveCloses(latest.series(), closes);
            }
        }
        List<Snapshot> history = closes.window(latest.timestamp(), SeriesEvaluator.HISTORY_DAYS);
        history.addAll(DailyCloses.of(readings.stream().filter(s -> closed == null || s.timestamp().isAfter(closed)).toList(),
                zone, closed));
        return history;
    }

    /** The instant of the last close when within the window read, else {@code null}. */
    private static Instant after(RollingCloses closes, Instant floor) {
        Snapshot last = closes.last();
        return last == null || last.timestamp().isBefore(floor) ? null : last.timestamp();
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
