package fr.vigie.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local calendar day of an instant, and the instant a local day starts, in a zone: the same answers as
 * {@code LocalDate.ofInstant(at, zone)} and {@code day.atStartOfDay(zone).toInstant()}, at a fraction of their cost.
 * <p>
 * Why: the evaluation turns every reading of a series' recent days into its local day at each evaluation; through
 * java.time's zone rules (a concurrent map per year, transitions rebuilt) that was about a third of a season
 * replay's evaluation time (issue 18, docs/benchmarks.md). Here a zone's offset changes from 1970 to 2100 are
 * read once into a sorted table and found by binary search; days are cached as {@link LocalDate}s. Instants
 * outside that span go to java.time.
 */
public final class LocalDays {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST_DAY = LocalDate.of(1970, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(2100, 1, 1).toEpochDay();
    private static final LocalDate[] DAYS = new LocalDate[(int) (LAST_DAY - FIRST_DAY)];

    /** Each zone's table (zones are few: one per region), and the last one asked for, which is mostly asked again. */
    private static final Map<ZoneId, Offsets> TABLES = new ConcurrentHashMap<>();
    private static volatile Offsets last;

    private LocalDays() {
    }

    /** The local day of {@code at} in {@code zone}. */
    public static LocalDate of(Instant at, ZoneId zone) {
        return of(at, zone, LocalTime.MIDNIGHT);
    }

    /**
     * The local day of {@code at} in {@code zone} for days that begin at {@code dayStart}, local time, rather than at
     * midnight: the date of the last {@code dayStart} at or before {@code at} (with 06:00, 05:59 belongs to the day
     * before), as {@code LocalDateTime.ofInstant(at, zone)} less {@code dayStart} reads it, clock changes included.
     */
    public static LocalDate of(Instant at, ZoneId zone, LocalTime dayStart) {
        Offsets offsets = offsets(zone);
        long seconds = at.getEpochSecond();
        int shift = dayStart.toSecondOfDay();
        if (!offsets.covers(seconds)) {
            return LocalDateTime.ofInstant(at, zone).minusSeconds(shift).toLocalDate();
        }
        return day(Math.floorDiv(seconds + offsets.at(seconds) - shift, SECONDS_PER_DAY));
    }

    /** The first instant of the local day {@code day} in {@code zone} (after a gap at midnight, the gap's end). */
    public static Instant startOf(LocalDate day, ZoneId zone) {
        Offsets offsets = offsets(zone);
        long local = day.toEpochDay() * SECONDS_PER_DAY;
        if (!offsets.covers(local - 2 * SECONDS_PER_DAY) || !offsets.covers(local + 2 * SECONDS_PER_DAY)) {
            return day.atStartOfDay(zone).toInstant();
        }
        if (!offsets.changesBetween(local - 2 * SECONDS_PER_DAY, local + 2 * SECONDS_PER_DAY)) {
            return Instant.ofEpochSecond(local - offsets.at(local));
        }
        return Instant.ofEpochSecond(offsets.firstInstantOf(local));
    }

    private static LocalDate day(long epochDay) {
        int i = (int) (epochDay - FIRST_DAY);
        LocalDate known = DAYS[i];
        if (known == null) {
            known = LocalDate.ofEpochDay(epochDay);
            DAYS[i] = known; // immutable: a racing thread at worst makes its own
        }
        return known;
    }

    private static Offsets offsets(ZoneId zone) {
        Offsets known = last;
        if (known == null || known.zone != zone && !known.zone.equals(zone)) {
            known = TABLES.computeIfAbsent(zone, Offsets::new);
            last = known;
        }
        return known;
    }

    /** One offset, in force from {@code from} (included) to {@code until} (excluded), seconds since the epoch. */
    private record Segment(long from, long until, int offset) {
    }

    /** A zone's UTC offsets from 1970 to 2100: {@code offsets[i]} from {@code changes[i]} on (seconds since the epoch). */
    private static final class Offsets {
        private final ZoneId zone;
        private final long[] changes;
        private final int[] offsets;
        private volatile Segment recent = new Segment(0, 0, 0);

        Offsets(ZoneId zone) {
            this.zone = zone;
            ZoneRules rules = zone.getRules();
            long from = FIRST_DAY * SECONDS_PER_DAY - SECONDS_PER_DAY;
            long until = LAST_DAY * SECONDS_PER_DAY + SECONDS_PER_DAY;
            long[] c = new long[64];
            int[] o = new int[64];
            int n = 0;
            c[n] = from;
            o[n++] = rules.getOffset(Instant.ofEpochSecond(from)).getTotalSeconds();
            for (ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(from));
                 t != null && t.toEpochSecond() < until; t = rules.nextTransition(t.getInstant())) {
                if (n == c.length) {
                    c = Arrays.copyOf(c, n * 2);
                    o = Arrays.copyOf(o, n * 2);
                }
                c[n] = t.toEpochSecond();
                o[n++] = t.getOffsetAfter().getTotalSeconds();
            }
            c = Arrays.copyOf(c, n + 1);
            o = Arrays.copyOf(o, n + 1);
            c[n] = until; // the end of the span
            o[n] = o[n - 1];
            this.changes = c;
            this.offsets = o;
        }

        boolean covers(long seconds) {
            // two days inside the span: the local day, whatever the offset (at most ±18 h), is in the days cached
            return seconds >= changes[0] + 2 * SECONDS_PER_DAY && seconds < changes[changes.length - 1] - 2 * SECONDS_PER_DAY;
        }

        /** The offset in force at {@code seconds}, in seconds. */
        int at(long seconds) {
            return segment(seconds).offset;
        }

        /**
         * The first instant whose local time is {@code local} (seconds of local time since the epoch) or later, near an
         * offset change (java.time's rule): the earliest of the instants that read {@code local}, two in an overlap;
         * in a gap, the change itself (the gap's end).
         */
        long firstInstantOf(long local) {
            int first = index(local - 2 * SECONDS_PER_DAY);
            int last = index(local + 2 * SECONDS_PER_DAY);
            long earliest = Long.MAX_VALUE;
            for (int i = first; i <= last; i++) {
                long t = local - offsets[i];
                if (changes[i] <= t && t < changes[i + 1]) {
                    earliest = Math.min(earliest, t);
                }
            }
            if (earliest != Long.MAX_VALUE) {
                return earliest;
            }
            for (int i = first + 1; i <= last; i++) {
                if (changes[i] + offsets[i - 1] <= local && local < changes[i] + offsets[i]) {
                    return changes[i];
                }
            }
            throw new IllegalStateException("no instant reads local second " + local + " in " + zone);
        }

        private int index(long seconds) {
            int i = Arrays.binarySearch(changes, seconds);
            return i >= 0 ? i : -i - 2;
        }

        /** Whether the offset changes in {@code (from, to]}. */
        boolean changesBetween(long from, long to) {
            return to >= segment(from).until;
        }

        /** The span of one offset that holds {@code seconds}: the last one found first (readings come in order). */
        private Segment segment(long seconds) {
            Segment known = recent;
            if (known.from <= seconds && seconds < known.until) {
                return known;
            }
            int i = index(seconds);
            known = new Segment(changes[i], changes[i + 1], offsets[i]);
            recent = known;
            return known;
        }
    }
}
