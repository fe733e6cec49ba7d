package fr.vigie.domain.retex;

import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.domain.forecast.Evaluation;
import fr.vigie.domain.forecast.LevelMachine;
import fr.vigie.domain.forecast.SeriesEvaluator;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The what-if of one device (docs/retex.md): the season's snapshots, each assessed once by the
 * alerts' own projection, replayed through the alerts' own level step ({@link SeriesEvaluator#decide})
 * under a small grid of warning/critical thresholds around the device's, series by series; the
 * figures are summed per grid point.
 * <p>
 * Figures per point, counted as {@code ../shared/tools/score.py} counts them, on the facility's
 * local days: a <b>crisis</b> is a stock-out (a day with a snapshot at 0) at least
 * {@value #CRISIS_GAP_DAYS} days after the series' previous stock-out day; its <b>lead</b> is the
 * number of days in a row before it at whose end an alert was open (at most {@value #LEAD_CAP_DAYS});
 * it is <b>warned</b> when the lead is at least {@value #WARNED_AHEAD_DAYS} days. <b>Alert days</b>
 * are days at whose end an alert was open, from a series' first snapshot to its last; <b>messages</b>
 * are level changes (each one a message).
 */
public final class ThresholdGrid {

    public static final int WARNED_AHEAD_DAYS = 7;
    static final int CRISIS_GAP_DAYS = 14;
    static final int LEAD_CAP_DAYS = 90;
    private static final double[] WARNING_FACTORS = {0.75, 1, 1.25, 1.5, 2};
    private static final double[] CRITICAL_FACTORS = {0.5, 0.75, 1, 1.25, 1.5};

    /** The season under one pair of thresholds, summed over the device's series. */
    public record Point(Thresholds thresholds, int crises, int warned, List<Integer> leads, int alertDays, int messages) {

        /** The median lead in days (0 without crisis), as score.py's {@code lead_med}. */
        public double medianLead() {
            if (leads.isEmpty()) {
                return 0;
            }
            List<Integer> sorted = leads.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        }

        public boolean warnsEveryCrisis() {
            return warned == crises;
        }
    }

    /** What the grid says of the device's thresholds. */
    public enum Verdict {
        /** No stock-out in the season: nothing to judge the thresholds by, they stay. */
        NO_STOCKOUT,
        /** Today's thresholds already warn every stock-out with the fewest alert days of the grid. */
        KEEP,
        /** Other thresholds would have warned every stock-out with fewer alert days (or warned some today's missed). */
        CHANGE,
        /** No thresholds of the grid warn every stock-out 7 days ahead: a supply problem, not a threshold problem. */
        SUPPLY
    }

    /**
     * @param current  the grid point of today's thresholds
     * @param proposed the point proposed (today's when nothing better exists)
     * @param best     for {@link Verdict#SUPPLY}, the point that warns the most stock-outs (fewest alert days among them)
     */
    public record Proposal(Verdict verdict, Point current, Point proposed, Point best) {
    }

    private final Thresholds current;
    private final List<Thresholds> thresholds;
    private final int[] crises;
    private final int[] warned;
    private final int[] alertDays;
    private final int[] messages;
    private final List<List<Integer>> leads = new ArrayList<>();
    private final SeriesEvaluator evaluator;

    /** The grid around {@code current}: warning × {0.75, 1, 1.25, 1.5, 2}, critical × {0.5 … 1.5}, critical under warning. */
    public ThresholdGrid(Thresholds current, SeriesEvaluator evaluator) {
        this.current = current;
        this.evaluator = evaluator;
        TreeSet<Integer> warnings = new TreeSet<>();
        TreeSet<Integer> criticals = new TreeSet<>();
        for (double f : WARNING_FACTORS) {
            warnings.add((int) Math.min(365, Math.max(2, Math.round(current.warningDays() * f))));
        }
        for (double f : CRITICAL_FACTORS) {
            criticals.add((int) Math.max(1, Math.round(current.criticalDays() * f)));
        }
        List<Thresholds> grid = new ArrayList<>();
        for (int w : warnings) {
            for (int c : criticals) {
                if (c < w) {
                    grid.add(new Thresholds(w, c));
                }
            }
        }
        this.thresholds = List.copyOf(grid);
        int n = grid.size();
        crises = new int[n];
        warned = new int[n];
        alertDays = new int[n];
        messages = new int[n];
        for (int i = 0; i < n; i++) {
            leads.add(new ArrayList<>());
        }
    }

    /** Every point of the grid, by warning then critical threshold. */
    public List<Point> points() {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            out.add(new Point(thresholds.get(i), crises[i], warned[i], List.copyOf(leads.get(i)), alertDays[i], messages[i]));
        }
        return out;
    }

    /**
     * The thresholds that would have warned every crisis {@value #WARNED_AHEAD_DAYS} days ahead with
     * the fewest alert days (then the fewest messages, then the closest to today's); today's when the
     * season had no crisis or when no point warns them all.
     */
    public Proposal propose() {
        List<Point> points = points();
        Point now = points.stream().filter(p -> p.thresholds().equals(current)).findFirst().orElseThrow();
        Comparator<Point> quietest = Comparator.comparingInt(Point::alertDays).thenComparingInt(Point::messages)
                .thenComparingInt(this::distance);
        if (now.crises() == 0) {
            return new Proposal(Verdict.NO_STOCKOUT, now, now, now);
        }
        Optional<Point> best = points.stream().filter(Point::warnsEveryCrisis).min(quietest);
        if (best.isEmpty()) {
            Point most = points.stream().min(Comparator.comparingInt((Point p) -> -p.warned()).thenComparing(quietest)).orElseThrow();
            return new Proposal(Verdict.SUPPLY, now, now, most);
        }
        Point chosen = best.get();
        return new Proposal(chosen.thresholds().equals(current) ? Verdict.KEEP : Verdict.CHANGE, now, chosen, chosen);
    }

    private int distance(Point p) {
        return Math.abs(p.thresholds().warningDays() - current.warningDays()) + Math.abs(p.thresholds().criticalDays() - current.criticalDays());
    }

    /** A replay of one series of the device under every point of the grid; {@link Series#finish()} adds it to the grid's sums. */
    public Series series() {
        return new Series();
    }

    /** One series replayed under the whole grid, snapshot by snapshot, oldest first. */
    public final class Series {
        private final AlertState[] states = new AlertState[thresholds.size()];
        private final int[] run = new int[thresholds.size()];
        private final int[] days = new int[thresholds.size()];
        private final int[] sent = new int[thresholds.size()];
        private final List<List<Integer>> seriesLeads = new ArrayList<>();
        private final Map<WatchlistEntry, WatchlistEntry[]> variants = new IdentityHashMap<>();
        private int day = Integer.MIN_VALUE;
        private int lastStockoutDay = Integer.MIN_VALUE;
        /** When the last snapshot added was taken. */
        private Instant lastAt;
        private int crisesSeen;

        private Series() {
            Arrays.fill(states, AlertState.CALM);
            for (int i = 0; i < thresholds.size(); i++) {
                seriesLeads.add(new ArrayList<>());
            }
        }

        /**
         * The next snapshot, on local season day {@code today}, with its assessment and the entry in
         * force; {@code watched} false when the device was not watched that day (the alerts skip it);
         * {@code zone} the one the alerts count the facility's days in ({@link SeriesEvaluator#zoneOf}).
         */
        public void add(int today, Snapshot s, Assessment a, WatchlistEntry inForce, boolean watched, ZoneId zone) {
            // the alerts judge thresholds at a series' first snapshot of each of its judging days (LevelMachine)
            boolean opensDay = LevelMachine.opensDay(lastAt, s.timestamp(), zone);
            lastAt = s.timestamp();
            advanceTo(today);
            if (s.onHand() == 0 && lastStockoutDay != today) {
                if (lastStockoutDay == Integer.MIN_VALUE || today - lastStockoutDay >= CRISIS_GAP_DAYS) {
                    crisesSeen++;
                    for (int i = 0; i < run.length; i++) {
                        int lead = Math.min(run[i], LEAD_CAP_DAYS);
                        seriesLeads.get(i).add(lead);
                    }
                }
                lastStockoutDay = today;
            }
            if (!watched) {
                return;
            }
            WatchlistEntry[] entries = variants.computeIfAbsent(inForce, this::variants);
            for (int i = 0; i < entries.length; i++) {
                Evaluation e = evaluator.decide(entries[i], s, a, states[i], zone, opensDay);
                states[i] = e.state();
                if (e.event().isPresent()) {
                    sent[i]++;
                }
            }
        }

        /** Closes the series' last day and adds its figures to the grid. */
        public void finish() {
            if (day == Integer.MIN_VALUE) {
                return;
            }
            advanceTo(day + 1);
            for (int i = 0; i < states.length; i++) {
                crises[i] += crisesSeen;
                for (int lead : seriesLeads.get(i)) {
                    if (lead >= WARNED_AHEAD_DAYS) {
                        warned[i]++;
                    }
                }
                leads.get(i).addAll(seriesLeads.get(i));
                alertDays[i] += days[i];
                messages[i] += sent[i];
            }
        }

        /** Ends each day before {@code today}: an alert open at its end counts the day, and extends the run before a crisis. */
        private void advanceTo(int today) {
            if (day == Integer.MIN_VALUE) {
                day = today;
                return;
            }
            for (; day < today; day++) {
                for (int i = 0; i < states.length; i++) {
                    if (states[i].level().isOpen()) {
                        days[i]++;
                        run[i]++;
                    } else {
                        run[i] = 0;
                    }
                }
            }
        }

        private WatchlistEntry[] variants(WatchlistEntry entry) {
            WatchlistEntry[] out = new WatchlistEntry[thresholds.size()];
            for (int i = 0; i < out.length; i++) {
                Thresholds t = thresholds.get(i);
                out[i] = new WatchlistEntry(entry.deviceId(), entry.name(), entry.epidemics(), entry.unit(), entry.emdn(),
                        entry.references(), entry.season(), t, entry.active(), entry.followUp());
            }
            return out;
        }
    }
}
