package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Snapshot;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a series' orders and deliveries back from its snapshots: the orders still outstanding
 * (first in, first out: {@code on_order} grows by what is ordered and shrinks by what arrives), the
 * hospital's routine (how often it orders, how long suppliers take, up to how many days of use it
 * orders), and how its supplier keeps promises now (a delivery overdue, how late the last one came,
 * how much of what the routine needed the last orders obtained).
 */
public final class DeliveryTracker {

    /** Weekly ordering is the common routine; assumed until the history shows another. */
    private static final int DEFAULT_CADENCE_DAYS = 7;
    private static final int DEFAULT_LEAD_DAYS = 5;
    /** Below this share of what the routine needed, two orders in a row reveal rationing. */
    static final double CUT_FILL = 0.5;
    /** Below this share, one order is enough: the routine's own noise rarely goes that low. */
    private static final double SEVERE_CUT_FILL = 0.15;
    /** Orders to have seen before judging one against the routine. */
    private static final int MIN_ORDERS_KNOWN = 3;
    /** The hospital's view of its use when ordering: the mean of the trailing week. */
    private static final int TRAILING_USE_DAYS = 7;

    /** An order still outstanding: placed on {@code placed} ({@code null} before the history). */
    public record Order(LocalDate placed, double quantity) {
    }

    private DeliveryTracker() {
    }

    /** Reads {@code history} (oldest first, ending with today's snapshot), days in the facility's {@code zone}. */
    public static SupplyPicture read(List<Snapshot> history, ZoneId zone) {
        Snapshot first = history.get(0);
        Deque<Order> outstanding = new ArrayDeque<>();
        if (first.onOrderOrZero() > 0) {
            outstanding.add(new Order(null, first.onOrderOrZero()));
        }
        List<Integer> leads = new ArrayList<>();
        List<Integer> cadences = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        double[] trailing = trailingUse(history);
        LocalDate lastPlaced = null;
        int lastDelay = 0;
        Double lastFill = null;
        Double earlierFill = null;
        Double shortFraction = null;
        boolean onTime = false;
        for (int i = 1; i < history.size(); i++) {
            Snapshot prev = history.get(i - 1);
            Snapshot cur = history.get(i);
            LocalDate day = UseForecast.date(cur, zone);
            long received = cur.receivedOrZero();
            boolean today = i == history.size() - 1;
            if (received > 0 && prev.expectedDelivery() != null) {
                // late for sure only if a snapshot on or after the promised day still had nothing:
                // a row missed on that day is no delay
                lastDelay = (int) Math.max(0, ChronoUnit.DAYS.between(prev.expectedDelivery(), UseForecast.date(prev, zone)) + 1);
                onTime = today && lastDelay == 0;
            }
            double head = outstanding.isEmpty() ? 0 : outstanding.peekFirst().quantity();
            take(outstanding, received);
            double placed = cur.onOrderOrZero() - (prev.onOrderOrZero() - received);
            if (placed < 0 && received > 0) { // the rest of the delivery was cancelled, not backordered
                take(outstanding, -placed);
                if (today) {
                    shortFraction = received / Math.max(received, head);
                }
            } else if (placed > 0) {
                double rate = trailing[i];
                double positionAfter = cur.onHand() + cur.onOrderOrZero();
                if (rate > 0) {
                    earlierFill = lastFill;
                    lastFill = targets.size() < MIN_ORDERS_KNOWN ? 1.0 : fill(placed, positionAfter - placed, rate, median(targets));
                    targets.add(positionAfter / rate);
                }
                if (lastPlaced != null) {
                    cadences.add((int) ChronoUnit.DAYS.between(lastPlaced, day));
                }
                outstanding.add(new Order(day, placed));
                lastPlaced = day;
            }
            reconcile(outstanding, cur.onOrderOrZero(), day);
            if (cur.expectedDelivery() != null && !cur.expectedDelivery().equals(prev.expectedDelivery())
                    && !outstanding.isEmpty() && outstanding.peekFirst().placed() != null) {
                int lead = (int) ChronoUnit.DAYS.between(outstanding.peekFirst().placed(), cur.expectedDelivery());
                // a promise dated before the order it is matched with belongs to an earlier order: no lead time
                // (a negative one would make the projection deliver before ordering, past its horizon)
                if (lead >= 0) {
                    leads.add(lead);
                }
            }
        }
        Snapshot latest = history.get(history.size() - 1);
        LocalDate today = UseForecast.date(latest, zone);
        int overdueDays = latest.expectedDelivery() != null && latest.onOrderOrZero() > 0
                ? (int) Math.max(0, ChronoUnit.DAYS.between(latest.expectedDelivery(), today)) : 0;
        double rate = trailing[history.size() - 1];
        // no order seen yet: assume the hospital keeps the position it holds
        double target = !targets.isEmpty() ? median(targets)
                : rate > 0 ? (latest.onHand() + latest.onOrderOrZero()) / rate : 0;
        double fill = recentFill(lastFill, earlierFill);
        boolean placedToday = today.equals(lastPlaced);
        return new SupplyPicture(today, List.copyOf(outstanding), latest.expectedDelivery(), overdueDays,
                lastDelay, median(cadences, DEFAULT_CADENCE_DAYS), median(leads, DEFAULT_LEAD_DAYS), target,
                fill, lastPlaced, placedToday ? fill : null, shortFraction, onTime, null, 0);
    }

    /** A signal of a supplier failing, read in today's snapshot, or {@code null}. */
    static SupplySignal signal(SupplyPicture p) {
        if (p.overdueDays() > 0) {
            return new SupplySignal(DisruptionKind.DELAY, p.overdueDays(), null);
        }
        if (p.shortFraction() != null) {
            return new SupplySignal(DisruptionKind.ALLOCATION, null, p.shortFraction());
        }
        if (p.fillToday() != null && p.fillToday() < CUT_FILL) {
            return new SupplySignal(DisruptionKind.ALLOCATION, null, p.fillToday());
        }
        return null;
    }

    /** Share of what the routine needed (its usual days of use, less the position) that an order obtained. */
    private static double fill(double placed, double positionBefore, double rate, double targetDays) {
        double needed = targetDays * rate - positionBefore;
        return needed > placed ? placed / needed : 1.0;
    }

    /** One order short may be the routine's own noise; two in a row, or one far short, is rationing. */
    private static double recentFill(Double last, Double earlier) {
        if (last == null) {
            return 1;
        }
        return Math.min(1, earlier != null && last >= SEVERE_CUT_FILL ? Math.max(last, earlier) : last);
    }

    private static void take(Deque<Order> outstanding, double quantity) {
        double left = quantity;
        while (left > 0 && !outstanding.isEmpty()) {
            Order head = outstanding.pollFirst();
            if (head.quantity() > left) {
                outstanding.addFirst(new Order(head.placed(), head.quantity() - left));
            }
            left -= head.quantity();
        }
    }

    /** Keeps the reconstruction equal to what the feed says is on order (rows missed, corrections). */
    private static void reconcile(Deque<Order> outstanding, long onOrder, LocalDate day) {
        double known = 0;
        for (Order order : outstanding) { // a loop, not a stream: once per reading of every evaluation
            known += order.quantity();
        }
        if (known > onOrder) {
            take(outstanding, known - onOrder);
        } else if (known < onOrder) {
            outstanding.add(new Order(day, onOrder - known));
        }
    }

    /** Mean daily use over the trailing week at each snapshot, as the hospital sees it when ordering. */
    private static double[] trailingUse(List<Snapshot> history) {
        double[] out = new double[history.size()];
        List<DailyUse.Interval> intervals = DailyUse.intervals(history);
        List<DailyUse.Interval> seen = new ArrayList<>(intervals.size());
        DailyUse.Window week = new DailyUse.Window(seen, TRAILING_USE_DAYS);
        for (int i = 1; i < history.size(); i++) {
            seen.add(intervals.get(i - 1));
            week.advance();
            out[i] = week.rate();
        }
        return out;
    }

    private static int median(List<Integer> values, int fallback) {
        return values.isEmpty() ? fallback : values.stream().sorted().toList().get(values.size() / 2);
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
