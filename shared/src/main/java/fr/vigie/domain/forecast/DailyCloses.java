package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A series' history as the projection reads it: one closing snapshot per past local day, then
 * today's snapshots as they came. The method works in days (issue 19): a season polled hourly and
 * the same season reported daily give the projection the same past, and a rolling series state
 * (issue 18) keeps one record a day instead of every poll.
 *
 * <p>A day's close is its last snapshot (on hand, on order, expected delivery as they stood at the
 * end of the day) carrying the day's totals: {@code received} summed over the day's snapshots
 * ({@code null} when none said), {@code consumed} summed when every snapshot of the day said it,
 * {@code null} otherwise (use is then derived from on hand and received, spec section 2). Compacting
 * an already compacted history changes nothing, nor a history of one snapshot a day.
 */
public final class DailyCloses {

    private DailyCloses() {
    }

    /**
     * @param history snapshots of one series, oldest first
     * @param zone    the facility's zone, whose calendar days are counted
     * @return one close per local day before the last snapshot's day, then that day's snapshots, oldest first
     */
    public static List<Snapshot> of(List<Snapshot> history, ZoneId zone) {
        if (history.isEmpty()) {
            return history;
        }
        LocalDate today = UseForecast.date(history.get(history.size() - 1), zone);
        List<Snapshot> out = new ArrayList<>(Math.min(history.size(), 64));
        int i = 0;
        while (i < history.size()) {
            LocalDate day = UseForecast.date(history.get(i), zone);
            if (!day.isBefore(today)) {
                out.addAll(history.subList(i, history.size()));
                break;
            }
            int end = i;
            while (end + 1 < history.size() && UseForecast.date(history.get(end + 1), zone).equals(day)) {
                end++;
            }
            out.add(close(history.subList(i, end + 1)));
            i = end + 1;
        }
        return out;
    }

    /** The day's last snapshot with the day's totals received and consumed. */
    static Snapshot close(List<Snapshot> day) {
        Snapshot last = day.get(day.size() - 1);
        if (day.size() == 1) {
            return last;
        }
        Long received = null;
        Long consumed = 0L;
        for (Snapshot s : day) {
            if (s.received() != null) {
                received = (received == null ? 0 : received) + s.received();
            }
            consumed = consumed == null || s.consumed() == null ? null : consumed + s.consumed();
        }
        return new Snapshot(last.facilityId(), last.deviceId(), last.timestamp(), last.onHand(), consumed, received,
                last.onOrder(), last.expectedDelivery());
    }
}
