package fr.vigie.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seasons harder than the samples, to judge the forecast on what it was not tuned on: the samples'
 * hospitals (weekly order up to 40 days of the last two weeks' use as they estimate it, delivered 4 to 8 days later),
 * devices and thresholds, with waves of another {@link Shape}, more local supplier failures (a delay
 * of 11 to 25 days past a promised date that stays in the feed, or orders confirmed at 10-40%), two
 * national shortages, missed and repeated rows. {@code HarderSeason SHAPE SEED OUT_DIR [HEIGHT]} writes
 * feed.csv, watchlist.json (season-a's), truth.json in score.py's format, epidemic.csv: the
 * weekly epidemic signal of each facility's region ({@link #writeSignal}), and notices.json: what the
 * manufacturers declared of the national shortages, as the agency publishes it ({@link #writeNotices}).
 * HEIGHT scales every wave (1 by default, the seasons every pass measured on; 0.5 gives the samples' own
 * height: a series' peak week at about 4 times its quiet weeks, docs/forecasting.md "seventh pass").
 */
final class HarderSeason {

    /** How the epidemic waves go. */
    enum Shape {
        /** Narrow, tall waves, peaking weeks earlier than the samples'. */
        STEEP,
        /** The samples' width, with twice as many supplier failures. */
        DELAYS,
        /** A real epidemic curve's asymmetry the other way round: a five-week rise, a two-week fall. */
        FAST_FALL,
        /** An emergency-visit curve: a slow start, a fast rise, a long tail down. */
        REAL_CURVE,
        /**
         * Real seasons: each epidemic follows the weekly influenza cases of one region and season of Bavaria
         * or Baden-Württemberg, 2001–2008 ({@link RealCurves}), moved to peak when the other shapes do:
         * their plateaus, double peaks and week-to-week noise, which no formula above has.
         */
        REAL_DATA
    }

    static final int DAYS = 240;
    static final LocalDate START = LocalDate.of(2025, 9, 1);
    private static final String[] FACILITIES = {"CH-BRE-08", "CH-HDF-03", "CH-IDF-07", "CH-OCC-05", "CHU-ARA-02",
            "CHU-IDF-01", "CHU-NAQ-06", "CLIN-PAC-04"};
    private static final double ORDER_UP_TO_DAYS = 40;
    /**
     * Days of past use a hospital's order reads, and the spread of its estimate (log-normal): the samples'
     * position after an order is 40 times the mean use of the last two weeks within about 12 %
     * (season-a: median 40.5, coefficient of variation 0.12, the narrowest of windows from 5 to 21 days).
     */
    private static final int USE_READ_DAYS = 14;
    private static final double ORDER_NOISE = 0.06;

    private record Failure(int from, int to, int delay, double fraction) {
    }

    private record Order(int promised, int arrives, long quantity) {
    }

    private HarderSeason() {
    }

    public static void main(String[] args) throws IOException {
        Shape shape = Shape.valueOf(args[0]);
        long seed = Long.parseLong(args[1]);
        write(shape, seed, Path.of(args[2]), args.length > 3 ? Double.parseDouble(args[3]) : 1);
    }

    static void write(Shape shape, long seed, Path out, double height) throws IOException {
        Files.createDirectories(out);
        Files.copy(SampleSeason.SAMPLES.resolve("season-a/watchlist.json"), out.resolve("watchlist.json"),
                StandardCopyOption.REPLACE_EXISTING);
        List<WatchlistEntry> devices = SampleSeason.watchlist("season-a");
        SplittableRandom random = new SplittableRandom(seed);
        double[][] waves = new double[Epidemic.values().length][];
        for (Epidemic e : Epidemic.values()) {
            waves[e.ordinal()] = wave(shape, height, random);
        }
        // two national shortages: one delay, one rationing, on two devices, most hospitals, same weeks
        int delayed = random.nextInt(devices.size());
        int rationed = (delayed + 1 + random.nextInt(devices.size() - 1)) % devices.size();
        Failure nationalDelay = new Failure(40 + random.nextInt(60), 0, 12 + random.nextInt(12), 1);
        nationalDelay = new Failure(nationalDelay.from(), nationalDelay.from() + 25 + random.nextInt(15), nationalDelay.delay(), 1);
        int rationFrom = 50 + random.nextInt(60);
        Failure nationalRation = new Failure(rationFrom, rationFrom + 25 + random.nextInt(15), 0, 0.1 + 0.2 * random.nextDouble());
        double localShare = shape == Shape.DELAYS ? 0.45 : 0.25;

        ObjectMapper json = new ObjectMapper();
        ObjectNode truth = json.createObjectNode().put("start", START.toString()).put("days", DAYS);
        ArrayNode series = truth.putArray("series");
        List<Snapshot> feed = new ArrayList<>();
        for (int f = 0; f < FACILITIES.length; f++) {
            double size = 0.5 + random.nextDouble() * 1.5;
            DayOfWeek orderDay = DayOfWeek.of(1 + random.nextInt(5));
            for (int v = 0; v < devices.size(); v++) {
                WatchlistEntry device = devices.get(v);
                double base = size * (5 + random.nextDouble() * 100);
                List<Failure> failures = new ArrayList<>();
                if (v == delayed && random.nextDouble() < 0.8) {
                    failures.add(nationalDelay);
                }
                if (v == rationed && random.nextDouble() < 0.8) {
                    failures.add(nationalRation);
                }
                if (random.nextDouble() < localShare) {
                    int from = 20 + random.nextInt(150);
                    boolean delay = random.nextBoolean();
                    failures.add(new Failure(from, from + 20 + random.nextInt(25), delay ? 11 + random.nextInt(15) : 0,
                            delay ? 1 : 0.1 + 0.3 * random.nextDouble()));
                }
                series.add(simulate(FACILITIES[f], device, base, orderDay, waves, failures, random, feed, json));
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("truth.json").toFile(), truth);
        writeSignal(waves, new SplittableRandom(seed * 31 + 7), out.resolve("epidemic.csv"));
        writeNotices(devices, delayed, nationalDelay, rationed, nationalRation, new SplittableRandom(seed * 31 + 11),
                out.resolve("notices.json"), json);
        feed.sort(java.util.Comparator.comparing(Snapshot::timestamp)); // as a feed comes: day by day
        HourlyFeed.write(feed, out.resolve("feed.csv"));
    }

    /**
     * The epidemic signal as a surveillance network would publish it, in the format of
     * docs/forecasting.md: per region of the facilities, epidemic and week, the share of emergency
     * visits in % = 1 + 3 × the week's mean wave (a peak of 10 to 22 %), times a regional noise of
     * about ±10 % (log-normal), published 9 or 10 days after the week's Monday (the Wednesday or
     * Thursday after it ends). Drawn from its own generator: a season's feed and truth do not change.
     */
    static void writeSignal(double[][] waves, SplittableRandom random, Path out) throws IOException {
        StringBuilder csv = new StringBuilder("region,epidemic,week,intensity,published\n");
        List<String> regions = java.util.Arrays.stream(FACILITIES)
                .map(f -> fr.vigie.domain.Region.fromFacilityId(f).orElseThrow().code()).distinct().sorted().toList();
        for (int monday = 0; monday + 7 <= DAYS; monday += 7) {
            for (String region : regions) {
                for (Epidemic e : Epidemic.values()) {
                    double mean = 0;
                    for (int d = monday; d < monday + 7; d++) {
                        mean += waves[e.ordinal()][d] / 7;
                    }
                    double share = (1 + 3 * mean) * Math.exp(0.1 * random.nextGaussian());
                    csv.append(region).append(',').append(e).append(',').append(START.plusDays(monday)).append(',')
                            .append(String.format(java.util.Locale.ROOT, "%.2f", share)).append(',')
                            .append(START.plusDays(monday + 9L + random.nextInt(2))).append('\n');
                }
            }
        }
        Files.writeString(out, csv);
    }

    /**
     * The national shortages as the samples' notices go (spec section 5): each declared (85 %) with a
     * lag of 20 days ahead to 10 days after its start, first as a RISK when ahead (estimated start,
     * end, delay or share, each off by days or a third, each left out one time in five), then as a
     * SHORTAGE within 8 days of its start, RESOLVED 2 to 8 days after its end; and one false alarm, a
     * RISK on a third device that is RESOLVED with no shortage. Drawn from its own generator: a season's
     * feed and truth do not change.
     */
    static void writeNotices(List<WatchlistEntry> devices, int delayed, Failure delay, int rationed, Failure ration,
                             SplittableRandom random, Path out, ObjectMapper json) throws IOException {
        List<ObjectNode> records = new ArrayList<>();
        int number = 100 + random.nextInt(800);
        for (int national = 0; national < 2; national++) {
            Failure f = national == 0 ? delay : ration;
            WatchlistEntry device = devices.get(national == 0 ? delayed : rationed);
            if (random.nextDouble() >= 0.85) {
                continue;
            }
            String id = "DM-2025-0" + (number + national);
            int lag = -20 + random.nextInt(31);
            int first = Math.max(1, f.from() + lag);
            if (first < f.from()) {
                records.add(estimates(notice(json, id, first, "RISK", f, device), f, f.from() - 5 + random.nextInt(11), random));
            }
            int shortage = Math.max(first, f.from() + random.nextInt(9));
            records.add(estimates(notice(json, id, shortage, "SHORTAGE", f, device), f, f.from() - 2 + random.nextInt(5), random));
            records.add(notice(json, id, f.to() + 2 + random.nextInt(7), "RESOLVED", f, device));
        }
        int other = random.nextInt(devices.size());
        while (other == delayed || other == rationed) {
            other = (other + 1) % devices.size();
        }
        boolean late = random.nextBoolean();
        Failure never = new Failure(40 + random.nextInt(110), 0, late ? 10 + random.nextInt(15) : 0, late ? 1 : 0.2 + 0.3 * random.nextDouble());
        String id = "DM-2025-0" + (number + 2);
        records.add(estimates(notice(json, id, never.from(), "RISK", never, devices.get(other)), never,
                never.from() + 7 + random.nextInt(15), random));
        records.add(notice(json, id, never.from() + 20 + random.nextInt(21), "RESOLVED", never, devices.get(other)));
        records.sort(java.util.Comparator.comparing(r -> r.get("publishedAt").asText()));
        ArrayNode file = json.createArrayNode();
        records.forEach(file::add);
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), file);
    }

    private static ObjectNode notice(ObjectMapper json, String id, int day, String status, Failure f, WatchlistEntry device) {
        ObjectNode n = json.createObjectNode().put("noticeId", id).put("publishedAt", START.plusDays(day).toString())
                .put("status", status).put("kind", f.delay() > 0 ? "DELAY" : "ALLOCATION");
        ArrayNode refs = n.putArray("references");
        device.references().stream().limit(1).forEach(r -> refs.addObject().put("supplier", r.supplier()).put("ref", r.ref())
                .put("udiDi", r.udiDi()));
        return n.put("emdn", device.emdn());
    }

    /** The manufacturer's estimates: start, end and the delay or the share, each off and sometimes left out. */
    private static ObjectNode estimates(ObjectNode n, Failure f, int start, SplittableRandom random) {
        if (random.nextDouble() < 0.8) {
            n.put("expectedStart", START.plusDays(start).toString());
        }
        if (random.nextDouble() < 0.8) {
            n.put("expectedEnd", START.plusDays(Math.max(start + 7, f.to() - 10 + random.nextInt(16))).toString());
        }
        if (random.nextDouble() < 0.8) {
            if (f.delay() > 0) {
                n.put("expectedDelayDays", Math.max(3, f.delay() - 6 + random.nextInt(9)));
            } else {
                n.put("allocationFraction", Math.round(Math.min(0.9, f.fraction() * (0.6 + 0.9 * random.nextDouble())) * 100) / 100.0);
            }
        }
        return n;
    }

    /** Intensity of one epidemic per day: 0 out of season, 3 to 7 × {@code scale} at its peak. */
    private static double[] wave(Shape shape, double scale, SplittableRandom random) {
        double[] w = new double[DAYS];
        double height = (3 + random.nextDouble() * 4) * scale;
        int peak = switch (shape) {
            case STEEP -> 40 + random.nextInt(50);
            default -> 60 + random.nextInt(80);
        };
        double[] curve = shape == Shape.REAL_DATA ? RealCurves.ALL.get(random.nextInt(RealCurves.ALL.size())) : null;
        for (int d = 0; d < DAYS; d++) {
            double x = d - peak;
            w[d] = height * switch (shape) {
                case STEEP -> Math.exp(-x * x / (2 * 9 * 9));
                case DELAYS -> Math.exp(-x * x / (2 * 20 * 20));
                case FAST_FALL -> x <= 0 ? Math.exp(-x * x / (2 * 14 * 14)) : Math.exp(-x * x / (2 * 5 * 5));
                case REAL_CURVE -> x <= 0 ? Math.exp(-x * x / (2 * 10 * 10)) : Math.exp(-x / 25);
                case REAL_DATA -> RealCurves.daily(curve, d - peak);
            };
        }
        return w;
    }

    private static ObjectNode simulate(String facility, WatchlistEntry device, double base, DayOfWeek orderDay,
                                       double[][] waves, List<Failure> failures, SplittableRandom random,
                                       List<Snapshot> feed, ObjectMapper json) {
        int lead = 4 + random.nextInt(5);
        double[] weight = new double[waves.length];
        for (Epidemic e : Epidemic.values()) { // in a fixed order (a Set's is not): one seed, one season
            if (device.epidemics().contains(e)) {
                weight[e.ordinal()] = 0.5 + random.nextDouble();
            }
        }
        long onHand = Math.round(base * 30);
        List<Order> open = new ArrayList<>();
        List<Long> used = new ArrayList<>();
        ObjectNode s = json.createObjectNode().put("facilityId", facility).put("deviceId", device.deviceId());
        ArrayNode demand = s.putArray("demand");
        ArrayNode stock = s.putArray("onHand");
        ArrayNode stockouts = s.putArray("stockoutDays");
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = START.plusDays(d);
            long received = 0;
            for (Order o : List.copyOf(open)) {
                if (o.arrives() == d) {
                    received += o.quantity();
                    open.remove(o);
                }
            }
            onHand += received;
            double intensity = 1;
            for (int e = 0; e < waves.length; e++) {
                intensity += weight[e] * waves[e][d];
            }
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            double mean = base * intensity * (weekend ? 0.7 : 1.0);
            long need = Math.max(0, Math.round(mean * (1 + 0.15 * random.nextGaussian())));
            long consumed = Math.min(onHand, need);
            onHand -= consumed;
            if (consumed < need) {
                stockouts.add(d);
            }
            used.add(consumed);
            if (day.getDayOfWeek() == orderDay) {
                // the hospital's estimate of its use, off by a few per cent: the samples' orders are not
                // exact either (one in twenty obtains under half of what a routine order would need)
                double trailing = used.subList(Math.max(0, used.size() - USE_READ_DAYS), used.size()).stream()
                        .mapToLong(Long::longValue).sum() / (double) Math.min(USE_READ_DAYS, used.size())
                        * Math.exp(ORDER_NOISE * random.nextGaussian());
                long position = onHand + open.stream().mapToLong(Order::quantity).sum();
                long asked = Math.max(0, Math.round(ORDER_UP_TO_DAYS * trailing - position));
                if (asked > 0) {
                    int delay = 0;
                    double fraction = 1;
                    for (Failure f : failures) {
                        if (d >= f.from() && d <= f.to()) {
                            delay = Math.max(delay, f.delay());
                            fraction = Math.min(fraction, f.fraction());
                        }
                    }
                    long confirmed = Math.round(asked * fraction);
                    if (confirmed > 0) {
                        open.add(new Order(d + lead, d + lead + delay, confirmed));
                    }
                }
            }
            demand.add(need);
            stock.add(onHand);
            long onOrder = open.stream().mapToLong(Order::quantity).sum();
            Integer promised = open.stream().map(Order::promised).min(Integer::compare).orElse(null);
            Snapshot row = new Snapshot(facility, device.deviceId(), day.atTime(5, 0).toInstant(ZoneOffset.UTC), onHand,
                    consumed, received, onOrder, promised == null ? null : START.plusDays(promised));
            double roll = random.nextDouble();
            if (roll >= 0.02 || received > 0) { // a missed row, never one that carries a delivery
                feed.add(row);
                if (roll > 0.99) {
                    feed.add(row);
                }
            }
        }
        ArrayNode disruptions = s.putArray("disruptions");
        failures.forEach(f -> disruptions.addObject().put("start", f.from()).put("end", f.to()));
        s.put("warningDays", device.thresholds().warningDays()).put("criticalDays", device.thresholds().criticalDays());
        return s;
    }
}
