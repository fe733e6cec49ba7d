package fr.vigie.local.sim;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.WatchlistEntry;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A simulated epidemic season of hospital stocks: what {@code ./vigie demo} polls.
 *
 * <p>Each day, for every facility and device: promised deliveries arrive, patients use stock
 * (base use x hospital size x epidemic intensity + noise, never more than is on hand), and on the
 * facility's weekly order day it orders up to a cover computed from last week's use. Because the
 * order follows last week, a fast epidemic rise outruns it; a national disruption on one device and
 * two local supplier disruptions (late or short deliveries) make the stock-outs Vigie must foresee.
 *
 * <p>Deterministic: the same constructor arguments give the same season whatever the polling
 * cadence, since every daily random draw happens in the day loop in a fixed order.
 * Thread-safe: the HTTP server reports while the demo advances the days.
 */
public final class SeasonSimulator {

    /** Orders of {@code deviceId} placed by {@code facilityIds} from {@code from} to {@code to} come late or short. */
    public record Disruption(String deviceId, Set<String> facilityIds, LocalDate from, LocalDate to,
                             DisruptionKind kind, int delayDays, double deliveredFraction) {
        public Disruption {
            facilityIds = Collections.unmodifiableSortedSet(new TreeSet<>(facilityIds)); // sorted: stable in the demo's output
        }

        boolean hits(String facilityId, String device, LocalDate orderedOn) {
            return deviceId.equals(device) && facilityIds.contains(facilityId)
                    && !orderedOn.isBefore(from) && !orderedOn.isAfter(to);
        }
    }

    /** One order as it really goes: promised and actual arrival, units ordered and units that will come. */
    public record Delivery(String facilityId, String deviceId, LocalDate orderedOn, LocalDate promised,
                           LocalDate arrives, long ordered, long delivered) {
        public boolean late() {
            return arrives.isAfter(promised);
        }
    }

    /** Daily use of a mid-sized hospital outside epidemics, as in the shared sample seasons. */
    private static final Map<String, Double> BASE_DAILY_USE = Map.of("HFNC-PED", 8.0, "NEB-MASK-PED", 13.0,
            "SUCTION-CATH", 38.0, "O2-MASK-AD", 17.0, "FFP2", 200.0, "NP-SWAB", 47.0, "VENT-CIRCUIT", 5.0);
    private static final double DEFAULT_BASE_DAILY_USE = 20.0;

    /** An epidemic wave: a bell around its peak day; {@code amplitude} is the extra use at the peak, in base uses. */
    private record Wave(MonthDay peak, int spreadDays, double amplitude) {
    }

    // Bronchiolitis peaks early December and is steep; flu late January; Covid a smaller autumn wave.
    private static final Map<Epidemic, Wave> WAVES = Map.of(
            Epidemic.BRONCHIOLITIS, new Wave(MonthDay.of(12, 5), 15, 2.6),
            Epidemic.FLU, new Wave(MonthDay.of(1, 28), 13, 1.8),
            Epidemic.COVID, new Wave(MonthDay.of(10, 20), 14, 0.6));

    /**
     * Days of last week's use a weekly order brings the stock up to: the week to the next order, the
     * usual lead time and two weeks of safety stock, which absorb noise but not a fast rise or a disruption.
     */
    private static final int ORDER_COVER_DAYS = 7 + 4 + 14;
    private static final int PACK = 10;
    private static final double NOISE = 1.3;
    private static final Pattern FACILITY_ID = Pattern.compile("[A-Za-z0-9-]{1,60}");

    /** The stock of one device at one facility. */
    private static final class Shelf {
        final WatchlistEntry device;
        final double baseUse;
        final long[] lastWeekDemand = new long[7];
        final List<Delivery> pending = new ArrayList<>();
        long onHand;
        long consumedSinceReport;
        long receivedSinceReport;

        Shelf(WatchlistEntry device, double baseUse) {
            this.device = device;
            this.baseUse = baseUse;
        }
    }

    private static final class Hospital {
        final String id;
        final double size;
        final DayOfWeek orderDay;
        final int waveShiftDays;
        final List<Shelf> shelves = new ArrayList<>();
        Instant lastReportAt;
        LocalDate lastReportThrough;
        String lastReport;

        Hospital(String id, double size, DayOfWeek orderDay, int waveShiftDays) {
            this.id = id;
            this.size = size;
            this.orderDay = orderDay;
            this.waveShiftDays = waveShiftDays;
        }
    }

    private final Map<String, Hospital> hospitals = new LinkedHashMap<>();
    private final Map<Epidemic, LocalDate> peaks = new LinkedHashMap<>();
    private final List<Disruption> disruptions = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final SplittableRandom daily;
    private LocalDate simulatedThrough;

    public SeasonSimulator(long seed, List<WatchlistEntry> devices, List<String> facilityIds, LocalDate firstDay) {
        if (devices.isEmpty() || facilityIds.isEmpty() || new HashSet<>(facilityIds).size() != facilityIds.size()) {
            throw new IllegalArgumentException("devices and distinct facility ids are required");
        }
        SplittableRandom setup = new SplittableRandom(seed);
        this.daily = setup.split();
        this.simulatedThrough = firstDay.minusDays(1);
        int seasonYear = firstDay.getMonthValue() >= 7 ? firstDay.getYear() : firstDay.getYear() - 1;
        for (Epidemic e : Epidemic.values()) {
            MonthDay p = WAVES.get(e).peak();
            LocalDate peak = LocalDate.of(p.getMonthValue() >= 7 ? seasonYear : seasonYear + 1, p.getMonth(), p.getDayOfMonth());
            peaks.put(e, peak.plusDays(setup.nextInt(-5, 6))); // each season's waves come a little early or late
        }
        for (String id : facilityIds) {
            if (!FACILITY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("facility id must be letters, digits and '-': " + id);
            }
            // A CHU uses about twice a general hospital's volume, a clinic half; regions see the waves a few days apart.
            double size = (id.startsWith("CHU") ? 2.0 : id.startsWith("CLIN") ? 0.45 : 1.0) * (0.85 + 0.3 * setup.nextDouble());
            Hospital h = new Hospital(id, size, DayOfWeek.of(1 + setup.nextInt(5)), setup.nextInt(-7, 8));
            for (WatchlistEntry device : devices) {
                Shelf s = new Shelf(device, BASE_DAILY_USE.getOrDefault(device.deviceId(), DEFAULT_BASE_DAILY_USE) * size);
                s.onHand = Math.round(s.baseUse * (20 + setup.nextInt(10)));
                Arrays.fill(s.lastWeekDemand, Math.round(s.baseUse));
                h.shelves.add(s);
            }
            hospitals.put(id, h);
        }
        planDisruptions(setup, devices, facilityIds);
    }

    /**
     * One device rationed or delayed nationally (most facilities, same weeks, as bronchiolitis rises),
     * one supplier rationing a device at two facilities during the flu rise, and one supplier delaying
     * another device at one facility in November.
     */
    private void planDisruptions(SplittableRandom setup, List<WatchlistEntry> devices, List<String> facilityIds) {
        List<String> bronchiolitisDevices = devices.stream()
                .filter(d -> d.epidemics().contains(Epidemic.BRONCHIOLITIS)).map(WatchlistEntry::deviceId).toList();
        List<String> all = devices.stream().map(WatchlistEntry::deviceId).toList();
        String national = pick(setup, bronchiolitisDevices.isEmpty() ? all : bronchiolitisDevices, 1).get(0);
        LocalDate nationalFrom = peaks.get(Epidemic.BRONCHIOLITIS).minusDays(28 - setup.nextInt(8));
        boolean nationalDelay = setup.nextBoolean();
        disruptions.add(new Disruption(national, Set.copyOf(pick(setup, facilityIds, Math.max(1, facilityIds.size() - 1))),
                nationalFrom, nationalFrom.plusDays(28 + setup.nextInt(14)),
                nationalDelay ? DisruptionKind.DELAY : DisruptionKind.ALLOCATION,
                nationalDelay ? 10 + setup.nextInt(5) : 0, nationalDelay ? 1.0 : 0.3 + 0.2 * setup.nextDouble()));

        List<String> others = all.size() > 1 ? all.stream().filter(d -> !d.equals(national)).toList() : all;
        List<String> supplierDevices = pick(setup, others, Math.min(2, others.size()));
        LocalDate rationFrom = peaks.get(Epidemic.FLU).minusDays(24 - setup.nextInt(8));
        disruptions.add(new Disruption(supplierDevices.get(0), Set.copyOf(pick(setup, facilityIds, Math.min(2, facilityIds.size()))),
                rationFrom, rationFrom.plusDays(27), DisruptionKind.ALLOCATION, 0, 0.35 + 0.2 * setup.nextDouble()));
        LocalDate delayFrom = peaks.get(Epidemic.BRONCHIOLITIS).minusDays(35 - setup.nextInt(10));
        disruptions.add(new Disruption(supplierDevices.get(supplierDevices.size() - 1), Set.copyOf(pick(setup, facilityIds, 1)),
                delayFrom, delayFrom.plusDays(20), DisruptionKind.DELAY, 6 + setup.nextInt(4), 1.0));
    }

    /** {@code n} distinct elements drawn without replacement (a partial Fisher-Yates shuffle). */
    private static <T> List<T> pick(SplittableRandom random, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(i, copy.size());
            copy.set(j, copy.set(i, copy.get(j)));
        }
        return List.copyOf(copy.subList(0, n));
    }

    /** Simulates every day up to and including {@code day}; a day already simulated is a no-op. */
    public synchronized void advanceTo(LocalDate day) {
        while (simulatedThrough.isBefore(day)) {
            simulatedThrough = simulatedThrough.plusDays(1);
            for (Hospital h : hospitals.values()) {
                for (Shelf s : h.shelves) {
                    receive(s, simulatedThrough);
                    use(h, s, simulatedThrough);
                    if (simulatedThrough.getDayOfWeek() == h.orderDay) {
                        reorder(h, s, simulatedThrough);
                    }
                }
            }
        }
    }

    private void receive(Shelf s, LocalDate day) {
        s.pending.removeIf(d -> {
            if (d.arrives().isAfter(day)) {
                return false;
            }
            s.onHand += d.delivered();
            s.receivedSinceReport += d.delivered();
            return true;
        });
    }

    private void use(Hospital h, Shelf s, LocalDate day) {
        double mean = s.baseUse * intensity(s.device.epidemics(), day.minusDays(h.waveShiftDays));
        long demand = Math.max(0, Math.round(mean + daily.nextGaussian() * Math.sqrt(mean) * NOISE));
        long used = Math.min(demand, s.onHand); // what is not on the shelf is not used: a stock-out
        s.onHand -= used;
        s.consumedSinceReport += used;
        // The ward orders from what patients needed, not from what a bare shelf let it use.
        System.arraycopy(s.lastWeekDemand, 1, s.lastWeekDemand, 0, 6);
        s.lastWeekDemand[6] = demand;
    }

    /** 1 outside epidemics; each of the device's epidemics adds its bell-shaped wave. */
    private double intensity(Set<Epidemic> epidemics, LocalDate day) {
        double intensity = 1.0;
        for (Epidemic e : epidemics) {
            Wave w = WAVES.get(e);
            double z = ChronoUnit.DAYS.between(peaks.get(e), day) / (double) w.spreadDays();
            intensity += w.amplitude() * Math.exp(-0.5 * z * z);
        }
        return intensity;
    }

    private void reorder(Hospital h, Shelf s, LocalDate day) {
        double lastWeekAverage = Arrays.stream(s.lastWeekDemand).sum() / 7.0;
        long onOrder = s.pending.stream().mapToLong(Delivery::ordered).sum();
        long missing = Math.round(lastWeekAverage * ORDER_COVER_DAYS) - s.onHand - onOrder;
        if (missing < Math.max(1, lastWeekAverage)) {
            return; // not worth an order: less than a day's use short
        }
        long ordered = (missing + PACK - 1) / PACK * PACK;
        LocalDate promised = day.plusDays(daily.nextInt(2, 6));
        LocalDate arrives = promised;
        long delivered = ordered;
        String deviceId = s.device.deviceId();
        for (Disruption d : disruptions) {
            if (d.hits(h.id, deviceId, day)) {
                // The supplier still promises its usual date: the lateness shows only when it passes.
                if (d.kind() == DisruptionKind.DELAY) {
                    arrives = arrives.plusDays(Math.max(1, d.delayDays() + daily.nextInt(-2, 3)));
                } else {
                    delivered = Math.round(ordered * d.deliveredFraction());
                }
            }
        }
        Delivery order = new Delivery(h.id, deviceId, day, promised, arrives, ordered, delivered);
        s.pending.add(order);
        deliveries.add(order);
    }

    /**
     * The JSON stock report (spec section 2) of a facility as it stands after the last simulated day:
     * use and receipts since its previous report, units ordered and not yet delivered, and the earliest
     * promised date among them (already past when a delivery is late). Asking again at the same
     * instant, with no day simulated in between, answers the same report (a retried poll).
     */
    public synchronized String report(String facilityId, Instant at) {
        Hospital h = hospitals.get(facilityId);
        if (h == null) {
            throw new IllegalArgumentException("unknown facility " + facilityId);
        }
        if (at.equals(h.lastReportAt) && simulatedThrough.equals(h.lastReportThrough)) {
            return h.lastReport;
        }
        StringJoiner items = new StringJoiner(",", "{\"facilityId\":\"" + h.id + "\",\"reportedAt\":\"" + at + "\",\"items\":[", "]}");
        for (Shelf s : h.shelves) {
            StringBuilder item = new StringBuilder("{\"deviceId\":\"").append(s.device.deviceId())
                    .append("\",\"onHand\":").append(s.onHand)
                    .append(",\"consumed\":").append(s.consumedSinceReport)
                    .append(",\"received\":").append(s.receivedSinceReport)
                    .append(",\"onOrder\":").append(s.pending.stream().mapToLong(Delivery::ordered).sum());
            s.pending.stream().map(Delivery::promised).min(Comparator.naturalOrder())
                    .ifPresent(promised -> item.append(",\"expectedDelivery\":\"").append(promised).append('"'));
            items.add(item.append('}'));
            s.consumedSinceReport = 0;
            s.receivedSinceReport = 0;
        }
        h.lastReportAt = at;
        h.lastReportThrough = simulatedThrough;
        h.lastReport = items.toString();
        return h.lastReport;
    }

    public List<String> facilityIds() {
        return List.copyOf(hospitals.keySet());
    }

    /** The last simulated day (the day before the first day until {@link #advanceTo} is called). */
    public synchronized LocalDate simulatedThrough() {
        return simulatedThrough;
    }

    /** The supplier disruptions of this season: the truth behind late and short deliveries. */
    public List<Disruption> disruptions() {
        return List.copyOf(disruptions);
    }

    /** Every order placed so far, in order, with when it really arrives and how much of it. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }
}
