package fr.vigie.adapter.dynamodb;

import fr.vigie.port.Watchlist;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.StockSourceConfig;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watch-list and facility adapters over the registry table, on DynamoDB Local. */
class RegistryAdaptersTest {

    private static final Tables.Names NAMES = new Tables.Names("reg-snapshots", "reg-alerts", "reg-registry");
    private static DynamoDbClient client;

    @BeforeAll
    static void tables() {
        client = DynamoDbLocalServer.get().client();
        Tables.createMissing(client, NAMES);
    }

    @Test
    void watchlistEntriesRoundTripAndInvalidOnesAreLeftOut() {
        WatchlistEntry hfnc = new WatchlistEntry("HFNC-PED", "Canule nasale haut debit pediatrique", Set.of(Epidemic.BRONCHIOLITIS),
                "piece", "R0302", List.of(), new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true);
        DynamoWatchlist.put(client, NAMES.registry(), hfnc);
        client.putItem(b -> b.tableName(NAMES.registry()).item(Map.of(
                "pk", Items.s(DynamoWatchlist.PARTITION), "sk", Items.s("DEV#BROKEN"),
                "entry", Items.s("{\"deviceId\":\"BROKEN\",\"thresholds\":{\"warningDays\":5,\"criticalDays\":9}}"))));

        Watchlist list = DynamoWatchlist.load(client, NAMES.registry());

        assertEquals(List.of(hfnc), List.copyOf(list.entries()));
        assertTrue(list.knows("HFNC-PED"));
        assertFalse(list.knows("BROKEN"));
    }

    @Test
    void facilitiesRoundTripWithAndWithoutSource() {
        DynamoFacilityDirectory directory = new DynamoFacilityDirectory(client, NAMES.registry());
        Facility polled = new Facility("CHU-IDF-01", "CHU Paris Nord", "11",
                new StockSourceConfig(StockSourceConfig.HTTP_JSON, "https://stock.example.org/v1", 4000, "vigie/chu-idf-01"));
        Facility pushing = new Facility("CH-BRE-08", "CH Brest", "53", null);
        directory.put(polled);
        directory.put(pushing);

        assertEquals(Set.of(polled, pushing), Set.copyOf(directory.facilities()));
        assertEquals(polled, directory.facility("CHU-IDF-01").orElseThrow());
        assertNull(directory.facility("CH-BRE-08").orElseThrow().source());
        assertEquals("53", directory.regionOf("CH-BRE-08").orElseThrow());
        assertTrue(directory.facility("NOWHERE").isEmpty());
    }
}
