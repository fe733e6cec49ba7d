package fr.vigie.app;

import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.domain.forecast.DisruptionState;
import fr.vigie.domain.forecast.SupplySignal;
import fr.vigie.port.DisruptionStore;
import fr.vigie.testkit.DynamoDbLocalServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18: every facility's evaluation of a device updates that device's national state. Eight
 * facilities' evaluations at once, each on its own container (client and store), on DynamoDB Local:
 * no signal is lost, each facility is counted once, and the disruption is announced once.
 */
class NationalSignalsRaceTest {

    private static final String DEVICE = "NEB-MASK-PED";
    private static final Instant T0 = Instant.parse("2025-11-10T05:00:00Z");

    @Test
    void concurrentEvaluationsOfOneDeviceLoseNoSignalAndAnnounceOnce() throws Exception {
        DynamoDbClient client = DynamoDbLocalServer.get().client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names("s-" + suffix, "a-" + suffix, "r-" + suffix);
        Tables.createMissing(client, names);
        int facilities = 8;
        int rounds = 5;
        CyclicBarrier together = new CyclicBarrier(facilities);
        ExecutorService pool = Executors.newFixedThreadPool(facilities);
        List<Future<List<SupplyDisruptionEvent>>> runs = new ArrayList<>();
        for (int f = 0; f < facilities; f++) {
            String facility = "CH-RACE-" + f;
            NationalSignals signals = new NationalSignals(new DynamoDisruptionStore(DynamoDbLocalServer.get().client(), names.alerts()));
            runs.add(pool.submit(() -> {
                List<SupplyDisruptionEvent> announced = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    together.await();
                    DisruptionStore.Versioned read = signals.read(DEVICE, facility);
                    together.await(); // every evaluation has read the same state before any saves
                    Instant at = T0.plus(Duration.ofHours(round));
                    Assessment late = new Assessment(DEVICE, at, 100, 10, 8, 12, 10, null, Set.of(Reason.DELIVERY_OVERDUE),
                            new SupplySignal(DisruptionKind.DELAY, 4, null), false, 10, false, false);
                    Optional<SupplyDisruptionEvent> event = signals.observe(read, facility, late);
                    event.ifPresent(announced::add);
                }
                return announced;
            }));
        }
        List<SupplyDisruptionEvent> announced = new ArrayList<>();
        for (Future<List<SupplyDisruptionEvent>> run : runs) {
            announced.addAll(run.get());
        }
        pool.shutdown();

        DisruptionState state = new DynamoDisruptionStore(client, names.alerts()).state(DEVICE).state();
        Set<String> signalling = state.recent().stream().map(DisruptionState.FacilitySignal::facilityId).collect(Collectors.toSet());
        assertEquals(facilities, signalling.size(), "signals kept: " + signalling);
        assertEquals(facilities, state.reportingCount(), "each facility counted once");
        assertTrue(state.open());
        assertEquals(facilities, state.announcedFacilities().size(), state.announcedFacilities().toString());
        assertEquals(1, announced.stream().filter(e -> e.status() == DisruptionStatus.OPEN).count(), "opened once: " + announced);
        assertEquals(announced.size(), announced.stream().map(e -> e.status() + "#" + e.facilities()).distinct().count(),
                "no event announced twice: " + announced);
    }
}
