package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * A hand-made hospital for tests: daily use from a function of the day, a weekly order up to a
 * number of days of the trailing week's use, delivered after a lead time, by a supplier that may
 * deliver late or ration from a given day. It writes one snapshot a day, as the feed does.
 */
final class SimulatedHospital {

    static final LocalDate START = LocalDate.of(2025, 10, 1);

    private final IntToDoubleFunction demand;
    private int orderEvery = 7;
    private int leadDays = 5;
    private double targetDays = 35;
    private long stock = -1;
    private int delayFrom = Integer.MAX_VALUE;
    private int delayDays;
    private int cutFrom = Integer.MAX_VALUE;
    private double cutFraction = 1;
    /** Days on which the stock actually ran out, filled by {@link #run}. */
    final List<Integer> stockouts = new ArrayList<>();

    SimulatedHospital(IntToDoubleFunction demand) {
        this.demand = demand;
    }

    SimulatedHospital stock(long units) {
        this.stock = units;
        return this;
    }

    /** Orders placed from {@code day} on arrive {@code days} late, with the promised date unchanged. */
    SimulatedHospital delayFrom(int day, int days) {
        this.delayFrom = day;
        this.delayDays = days;
        return this;
    }

    /** Orders placed from {@code day} on are confirmed at {@code fraction} of what was asked. */
    SimulatedHospital rationFrom(int day, double fraction) {
        this.cutFrom = day;
        this.cutFraction = fraction;
        return this;
    }

    private record Order(int placed, int promised, int arrives, long quantity) {
    }

    List<Snapshot> run(String facility, String device, int days) {
        List<Snapshot> out = new ArrayList<>();
        List<Order> open = new ArrayList<>();
        List<Long> used = new ArrayList<>();
        long onHand = stock >= 0 ? stock : Math.round(targetDays * 0.7 * demand.applyAsDouble(0));
        for (int day = 0; day < days; day++) {
            long received = 0;
            for (Order o : List.copyOf(open)) {
                if (o.arrives() == day) {
                    received += o.quantity();
                    open.remove(o);
                }
            }
            onHand += received;
            long wanted = Math.round(demand.applyAsDouble(day));
            long consumed = Math.min(onHand, wanted);
            onHand -= consumed;
            if (onHand == 0 && wanted > consumed) {
                stockouts.add(day);
            }
            used.add(consumed);
            long onOrder = open.stream().mapToLong(Order::quantity).sum();
            if (day % orderEvery == 0) {
                double trailing = used.subList(Math.max(0, used.size() - 7), used.size()).stream()
                        .mapToLong(Long::longValue).average().orElse(0);
                long asked = Math.max(0, Math.round(targetDays * trailing) - onHand - onOrder);
                long confirmed = day >= cutFrom ? Math.round(asked * cutFraction) : asked;
                if (confirmed > 0) {
                    int late = day >= delayFrom ? delayDays : 0;
                    open.add(new Order(day, day + leadDays, day + leadDays + late, confirmed));
                    onOrder += confirmed;
                }
            }
            LocalDate next = open.stream().map(Order::promised).min(Integer::compare).map(START::plusDays).orElse(null);
            out.add(new Snapshot(facility, device, at(day), onHand, consumed, received, onOrder, next));
        }
        return out;
    }

    static Instant at(int day) {
        return START.plusDays(day).atTime(5, 0).toInstant(ZoneOffset.UTC);
    }
}
