package fr.vigie.local.sim;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Snapshot;
import fr.vigie.local.sim.SeasonSimulator.Delivery;
import fr.vigie.local.sim.SeasonSimulator.Disruption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static fr.vigie.local.sim.DemoSeason.FIRST_DAY;
import static fr.vigie.local.sim.DemoSeason.LAST_DAY;
import static fr.vigie.local.sim.DemoSeason.dailySnapshots;
import static fr.vigie.local.sim.DemoSeason.morningAfter;
import static fr.vigie.local.sim.DemoSeason.simulator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeasonSimulatorTest {

    private static final long SEED = 2025;

    @Test
    void sameSeedGivesTheSameReports() {
        SeasonSimulator a = simulator(SEED);
        SeasonSimulator b = simulator(SEED);
        SeasonSimulator other = simulator(SEED + 1);
        boolean differs = false;
        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(3)) {
            a.advanceTo(day);
            b.advanceTo(day);
            other.advanceTo(day);
            for (String id : a.facilityIds()) {
                String report = a.report(id, morningAfter(day));
                assertEquals(report, b.report(id, morningAfter(day)));
                differs |= !report.equals(other.report(id, morningAfter(day)));
            }
        }
        assertTrue(differs, "another seed should give another season");
        assertEquals(a.deliveries(), b.deliveries());
    }

    @Test
    void pollingCadenceDoesNotChangeTheSeason() {
        SeasonSimulator daily = simulator(SEED);
        SeasonSimulator monthly = simulator(SEED);
        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
            daily.advanceTo(day);
            daily.report("CHU-IDF-01", morningAfter(day));
        }
        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusMonths(1)) {
            monthly.advanceTo(day);
        }
        monthly.advanceTo(LAST_DAY);
        assertEquals(daily.deliveries(), monthly.deliveries());
        assertEquals(onHand(daily.report("CH-HDF-03", morningAfter(LAST_DAY))),
                onHand(monthly.report("CH-HDF-03", morningAfter(LAST_DAY))));
    }

    @Test
    void aRetriedPollAtTheSameInstantGetsTheSameReport() {
        SeasonSimulator sim = simulator(SEED);
        sim.advanceTo(FIRST_DAY.plusDays(20));
        String first = sim.report("CHU-ARA-02", morningAfter(FIRST_DAY.plusDays(20)));
        assertEquals(first, sim.report("CHU-ARA-02", morningAfter(FIRST_DAY.plusDays(20))));
        assertTrue(sim.report("CHU-ARA-02", morningAfter(FIRST_DAY.plusDays(20)).plusSeconds(60)).contains("\"consumed\":0,"),
                "a later report counts use since the previous one");
        assertThrows(IllegalArgumentException.class, () -> sim.report("CH-NOWHERE-99", morningAfter(FIRST_DAY)));
    }

    @Test
    void reportsAreCompleteAndStockAddsUp() {
        SeasonSimulator sim = simulator(SEED);
        List<Snapshot> snapshots = dailySnapshots(sim);
        assertEquals(7L * 6 * (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1), snapshots.size());
        Map<String, Snapshot> previous = new HashMap<>();
        for (Snapshot s : snapshots) {
            assertTrue(s.onHand() >= 0 && s.consumed() >= 0 && s.received() >= 0 && s.onOrder() >= 0, s::toString);
            assertEquals(s.onOrder() > 0, s.expectedDelivery() != null, s::toString);
            Snapshot before = previous.put(s.facilityId() + "/" + s.deviceId(), s);
            if (before != null) {
                // What a hospital reports must balance, or Vigie would be judging noise.
                assertEquals(before.onHand() - s.consumed() + s.received(), s.onHand(), s::toString);
            }
        }
    }

    @Test
    void bronchiolitisWaveMoreThanDoublesUse() {
        Map<LocalDate, Long> hfncUse = new TreeMap<>();
        for (Snapshot s : dailySnapshots(simulator(SEED))) {
            if (s.deviceId().equals("HFNC-PED")) {
                hfncUse.merge(LocalDate.ofInstant(s.timestamp(), ZoneOffset.UTC).minusDays(1), s.consumed(), Long::sum);
            }
        }
        List<Long> daily = List.copyOf(hfncUse.values());
        long earlyOctoberWeek = weekFrom(daily, 30);
        long peakWeek = 0;
        for (int start = 0; start + 7 <= daily.size(); start++) {
            peakWeek = Math.max(peakWeek, weekFrom(daily, start));
        }
        assertTrue(peakWeek > 2 * earlyOctoberWeek, "peak week " + peakWeek + " vs early October " + earlyOctoberWeek);
    }

    @ParameterizedTest
    @ValueSource(longs = {SEED, 1, 2, 3, 42})
    void disruptedWeeksBringLateAndShortDeliveriesAndNothingElseDoes(long seed) {
        SeasonSimulator sim = simulator(seed);
        sim.advanceTo(LAST_DAY);
        List<Disruption> disruptions = sim.disruptions();
        assertEquals(1, disruptions.stream().filter(d -> d.facilityIds().size() >= 5).count(), "one national disruption");
        assertTrue(disruptions.stream().anyMatch(d -> d.kind() == DisruptionKind.DELAY));
        for (Disruption d : disruptions) {
            List<Delivery> hit = sim.deliveries().stream()
                    .filter(o -> d.facilityIds().contains(o.facilityId()) && o.deviceId().equals(d.deviceId())
                            && !o.orderedOn().isBefore(d.from()) && !o.orderedOn().isAfter(d.to()))
                    .toList();
            assertFalse(hit.isEmpty(), "orders placed during " + d);
            if (d.kind() == DisruptionKind.DELAY) {
                assertTrue(hit.stream().allMatch(Delivery::late), () -> "late during " + d + ": " + hit);
            } else {
                assertTrue(hit.stream().allMatch(o -> o.delivered() < o.ordered()), () -> "short during " + d + ": " + hit);
            }
        }
        for (Delivery o : sim.deliveries()) {
            boolean disrupted = disruptions.stream().anyMatch(d -> d.facilityIds().contains(o.facilityId())
                    && o.deviceId().equals(d.deviceId()) && !o.orderedOn().isBefore(d.from()) && !o.orderedOn().isAfter(d.to()));
            if (!disrupted) {
                assertFalse(o.late() || o.delivered() < o.ordered(), o::toString);
                long leadDays = o.promised().toEpochDay() - o.orderedOn().toEpochDay();
                assertTrue(leadDays >= 2 && leadDays <= 5, o::toString);
            }
        }
    }

    @Test
    void aLateDeliveryShowsAsAPromisedDateAlreadyPast() {
        Set<String> overdue = dailySnapshots(simulator(SEED)).stream()
                .filter(s -> s.expectedDelivery() != null
                        && s.expectedDelivery().isBefore(LocalDate.ofInstant(s.timestamp(), ZoneOffset.UTC)))
                .map(s -> s.facilityId() + "/" + s.deviceId())
                .collect(Collectors.toSet());
        assertFalse(overdue.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(longs = {SEED, 1, 2, 3, 42})
    void aSeasonHasAFewStockOutsOrNearStockOuts(long seed) {
        Map<String, Long> lastUse = new HashMap<>();
        Set<String> nearOrOut = new java.util.TreeSet<>();
        for (Snapshot s : dailySnapshots(simulator(seed))) {
            String series = s.facilityId() + "/" + s.deviceId();
            // Under three days of the use just seen: a stock-out only days away.
            if (s.onHand() == 0 || s.onHand() < 3 * lastUse.getOrDefault(series, 0L)) {
                nearOrOut.add(series);
            }
            lastUse.put(series, s.consumed());
        }
        assertTrue(nearOrOut.size() >= 3, "stock-outs or near stock-outs: " + nearOrOut);
        assertTrue(nearOrOut.size() <= 25, "a season, not a catastrophe: " + nearOrOut);
    }

    private static long weekFrom(List<Long> daily, int start) {
        return daily.subList(start, start + 7).stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> onHand(String report) {
        Map<String, Long> onHand = new TreeMap<>();
        for (String item : report.split("\\{\"deviceId\":\"")) {
            if (item.contains("\"onHand\":")) {
                onHand.put(item.substring(0, item.indexOf('"')), Long.parseLong(item.replaceAll("(?s).*\"onHand\":(\\d+).*", "$1")));
            }
        }
        assertNotEquals(0, onHand.size());
        return onHand;
    }
}
