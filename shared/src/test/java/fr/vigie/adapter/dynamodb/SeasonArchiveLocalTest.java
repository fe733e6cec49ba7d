package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.Season;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.DeviceHistory;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The registry and the season's reads by key range, on DynamoDB Local. */
class SeasonArchiveLocalTest {

    private static final DynamoDbClient CLIENT = DynamoDbLocalServer.get().client();

    Tables.Names names;
    DynamoFacilityDirectory facilities;
    DynamoRegistryEditor watchlist;
    DynamoSeasonArchive archive;

    @BeforeEach
    void freshTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        names = new Tables.Names("snap-" + suffix, "alerts-" + suffix, "registry-" + suffix);
        Tables.createMissing(CLIENT, names);
        facilities = new DynamoFacilityDirectory(CLIENT, names.registry());
        watchlist = new DynamoRegistryEditor(CLIENT, names.registry());
        archive = new DynamoSeasonArchive(CLIENT, names);
    }

    @Test
    void facilitiesAreRegisteredOnceWithTheRegionTheirIdentifierNamesAndAKnownOneIsLeftAsItIs() {
        CLIENT.putItem(b -> b.tableName(names.registry()).item(Map.of("pk", Items.s("FACILITY"), "sk", Items.s("FAC#CHU-IDF-01"),
                "facilityId", Items.s("CHU-IDF-01"), "name", Items.s("CHU Paris-Nord"), "region", Items.s("11"))));
        facilities.registerSeen(List.of("CH-BRE-08", "CHU-IDF-01", "LABO-X"));
        facilities.registerSeen(List.of("CH-BRE-08"));
        List<Facility> facilities = new ArrayList<>(archive.facilities());
        facilities.sort(Comparator.comparing(Facility::facilityId));
        assertEquals(List.of(new Facility("CH-BRE-08", null, "53", null), new Facility("CHU-IDF-01", "CHU Paris-Nord", "11", null),
                new Facility("LABO-X", null, null, null)), facilities);
    }

    @Test
    void theWatchlistReadsBackAsItWasGiven() throws Exception {
        List<WatchlistEntry> list = WatchlistJson.parseList(Files.readString(ProjectRoot.find()
                .resolve("../shared/samples/season-a/watchlist.json").normalize())).entries();
        DynamoRegistryEditor.Author replay = new DynamoRegistryEditor.Author("local:test", "REPLAY", Instant.parse("2025-09-01T00:00:00Z"));
        list.forEach(e -> watchlist.upsert(e, replay));
        list.forEach(e -> assertEquals(DynamoRegistryEditor.Status.UNCHANGED, watchlist.upsert(e, replay).status()));
        assertEquals(list.stream().sorted(Comparator.comparing(WatchlistEntry::deviceId)).toList(),
                archive.watchlist().stream().sorted(Comparator.comparing(DeviceHistory::deviceId)).map(h -> h.inForce(Instant.now())).toList());
    }

    @Test
    void eachDeviceComesWithItsVersionsAndTheOneInForceOnADayIsTheOneWrittenLastBeforeIt() throws Exception {
        WatchlistEntry ffp2 = WatchlistJson.parseList(Files.readString(ProjectRoot.find()
                .resolve("../shared/samples/season-a/watchlist.json").normalize())).entries().stream()
                .filter(e -> e.deviceId().equals("FFP2")).findFirst().orElseThrow();
        watchlist.upsert(ffp2, new DynamoRegistryEditor.Author("local:replay", "REPLAY", Instant.parse("2025-09-01T05:00:00Z")));
        WatchlistEntry stricter = new WatchlistEntry(ffp2.deviceId(), ffp2.name(), ffp2.epidemics(), ffp2.unit(), ffp2.emdn(),
                ffp2.references(), ffp2.season(), new Thresholds(60, 30), ffp2.active());
        watchlist.upsert(stricter, new DynamoRegistryEditor.Author("local:ops", "IMPORT", Instant.parse("2026-12-01T09:00:00Z")));
        DeviceHistory history = archive.watchlist().stream().filter(h -> h.deviceId().equals("FFP2")).findFirst().orElseThrow();
        assertEquals(2, history.versions().size());
        assertEquals(ffp2.thresholds(), history.thresholdsAt(Instant.parse("2025-11-15T05:00:00Z")), "the season's days keep their version");
        assertEquals(ffp2.thresholds(), history.atEndOf(new Season(2025)).thresholds());
        assertEquals(new Thresholds(60, 30), history.thresholdsAt(Instant.parse("2026-12-02T00:00:00Z")));
    }

    @Test
    void aSeasonIsReadByKeyRangeAndStreamsEveryPage() {
        DynamoSnapshotStore store = new DynamoSnapshotStore(CLIENT, names.snapshots());
        List<Snapshot> batch = new ArrayList<>();
        Instant start = Instant.parse("2025-08-31T23:00:00Z");
        for (int hour = 0; hour < 24 * 367; hour++) {
            for (String device : List.of("FFP2", "HFNC-PED", "NEB-MASK-PED", "NP-SWAB", "O2-MASK", "SUCTION-CATH", "VENT-CIRCUIT")) {
                batch.add(new Snapshot("CH-1", device, start.plusSeconds(3600L * hour), 100, 1L, null, null, null));
            }
        }
        store.storeNew(batch);
        assertFalse(CLIENT.query(b -> b.tableName(names.snapshots()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.FACILITY + "CH-1")))).lastEvaluatedKey().isEmpty(),
                "the facility's polls span more than one page of DynamoDB's 1 MB");
        List<Snapshot> season = new ArrayList<>();
        archive.snapshots(new SeriesKey("CH-1", "FFP2"), Instant.parse("2025-09-01T00:00:00Z"),
                Instant.parse("2026-08-31T23:59:59.999Z"), season::add);
        assertEquals(365 * 24, season.size(), "every hour of the season's 365 days, across pages");
        assertEquals(Instant.parse("2025-09-01T00:00:00Z"), season.get(0).timestamp());
    }

    @Test
    void disruptionEventsOfTheSeasonAreThoseOfTheDeviceBetweenTheBounds() {
        DynamoDisruptionStore store = new DynamoDisruptionStore(CLIENT, names.alerts());
        SupplyDisruptionEvent open = disruption("2025-11-24T05:00:00Z", DisruptionStatus.OPEN);
        SupplyDisruptionEvent closed = disruption("2025-12-20T05:00:00Z", DisruptionStatus.CLOSED);
        store.recordEvent(closed);
        store.recordEvent(open);
        store.recordEvent(disruption("2026-09-02T05:00:00Z", DisruptionStatus.OPEN));
        assertEquals(List.of(open, closed), archive.disruptionEvents("NEB-MASK-PED", Instant.parse("2025-09-01T00:00:00Z"),
                Instant.parse("2026-08-31T23:59:59.999Z")));
    }

    private static SupplyDisruptionEvent disruption(String at, DisruptionStatus status) {
        return new SupplyDisruptionEvent("NEB-MASK-PED#2025-11-20", "NEB-MASK-PED", status, Instant.parse(at),
                Instant.parse("2025-11-20T05:00:00Z"), List.of("CH-1", "CH-2"), DisruptionKind.DELAY, 12, null);
    }
}
