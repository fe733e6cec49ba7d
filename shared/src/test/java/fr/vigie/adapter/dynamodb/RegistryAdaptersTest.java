package fr.vigie.adapter.dynamodb;

import fr.vigie.port.EpidemicSignals;
import fr.vigie.port.Watchlist;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.StockSourceConfig;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.PlainText;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.epidemic.EpidemicWeek;
import fr.vigie.testkit.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watch-list, facility and epidemic signal adapters over the registry table, on DynamoDB Local. */
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
    void anEntryStoredWithAUdiDiTheRulesNowRefuseIsStillWatchedWithoutIt() {
        // stored before references were checked: a udiDi whose leading zero a spreadsheet lost
        WatchlistEntry ffp2 = storedThenLoaded("{\"deviceId\":\"FFP2\",\"name\":\"Masque FFP2\",\"epidemics\":[\"COVID\"],\"unit\":\"piece\","
                + "\"references\":[{\"supplier\":\"ACME\",\"ref\":\"M1\",\"udiDi\":\"9420012345678\"},"
                + "{\"supplier\":\"ACME\",\"ref\":\"M2\",\"udiDi\":\"09420012345679\"}],"
                + "\"season\":{\"start\":\"10-01\",\"end\":\"03-31\"},\"thresholds\":{\"warningDays\":21,\"criticalDays\":10}}");

        assertEquals(List.of(new SupplierReference("ACME", "M1", null), new SupplierReference("ACME", "M2", "09420012345679")), ffp2.references(),
                "the udiDi the rules refuse is left out, its supplier and ref still match a notice");
    }

    @Test
    void anEntryStoredWithInvisibleCharactersInItsNameIsStillWatchedWithThemReadAsSpaces() {
        // stored before PlainText's rule: a tab pasted from a spreadsheet in the name, a U+202E in the unit
        WatchlistEntry ffp2 = storedThenLoaded("{\"deviceId\":\"FFP2\",\"name\":\"Masque\\tFFP2\",\"epidemics\":[\"COVID\"],"
                + "\"unit\":\"pi\\u202Ece\",\"season\":{\"start\":\"10-01\",\"end\":\"03-31\"},"
                + "\"thresholds\":{\"warningDays\":21,\"criticalDays\":10}}");

        assertEquals("Masque FFP2", ffp2.name());
        assertEquals("pi ce", ffp2.unit());
    }

    @Test
    void anEntryStoredWithASeasonEndingOnItsFirstDayIsWatchedAllYearFromThatDay() {
        // stored before SeasonWindow refused it: read as one day it would all but stop the surveillance
        WatchlistEntry ffp2 = storedThenLoaded("{\"deviceId\":\"FFP2\",\"name\":\"Masque FFP2\",\"epidemics\":[\"COVID\"],"
                + "\"unit\":\"piece\",\"season\":{\"start\":\"10-01\",\"end\":\"10-01\"},"
                + "\"thresholds\":{\"warningDays\":21,\"criticalDays\":10}}");

        assertEquals(SeasonWindow.wholeYearFrom(MonthDay.of(10, 1)), ffp2.season());
        assertTrue(ffp2.watchedOn(java.time.LocalDate.of(2026, 6, 15)));
    }

    @Test
    void anEntryStoredWithANameOverTheLimitIsStillWatchedItsNameCutThere() {
        WatchlistEntry ffp2 = storedThenLoaded("{\"deviceId\":\"FFP2\",\"name\":\"" + "M".repeat(5000) + "\",\"epidemics\":[\"COVID\"],"
                + "\"unit\":\"piece\",\"references\":[{\"supplier\":\"" + "A".repeat(300) + "\",\"ref\":\"M1\"}],"
                + "\"season\":{\"start\":\"10-01\",\"end\":\"03-31\"},\"thresholds\":{\"warningDays\":21,\"criticalDays\":10}}");

        assertEquals("M".repeat(PlainText.NAME_MAX), ffp2.name());
        assertEquals(List.of(new SupplierReference("A".repeat(PlainText.NAME_MAX), "M1", null)), ffp2.references(),
                "the reference is kept, cut, rather than left out");
    }

    /** The entry FFP2 stored as {@code json} under DEV#FFP2, as the watch-list loads it: it must still be watched. */
    private WatchlistEntry storedThenLoaded(String json) {
        client.putItem(b -> b.tableName(NAMES.registry()).item(Map.of(
                "pk", Items.s(DynamoWatchlist.PARTITION), "sk", Items.s("DEV#FFP2"), "entry", Items.s(json))));

        Watchlist list = DynamoWatchlist.load(client, NAMES.registry());

        assertTrue(list.knows("FFP2"), "a device must not stop being watched for what the rules now refuse");
        return list.entries().stream().filter(e -> e.deviceId().equals("FFP2")).findFirst().orElseThrow();
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

    @Test
    void importsAreStoredOnceRevisionsKeptBesideTheFirstValueAndEachImportAudited() {
        DynamoEpidemicSignals signals = new DynamoEpidemicSignals(client, NAMES.registry());
        List<EpidemicWeek> season = new ArrayList<>();
        LocalDate monday = LocalDate.of(2025, 9, 1);
        for (int w = 0; w < 30; w++) { // more than one BatchWriteItem
            season.add(new EpidemicWeek("84", Epidemic.BRONCHIOLITIS, monday.plusWeeks(w), 1 + w * 0.5, monday.plusWeeks(w).plusDays(9)));
        }
        EpidemicWeek flu = new EpidemicWeek("11", Epidemic.FLU, monday, 2.25, monday.plusDays(10));
        season.add(flu);

        assertEquals(31, signals.store(season, new EpidemicSignals.Author("op-1", "POST /epidemic-signal", Instant.parse("2025-12-01T10:00:00Z"))));
        assertEquals(season.subList(0, 30), signals.of("84", Epidemic.BRONCHIOLITIS));
        assertEquals(List.of(flu), signals.of("11", Epidemic.FLU));
        assertEquals(List.of(), signals.of("11", Epidemic.COVID));

        // the same file again writes nothing but its audit entry; a revision of a week is a second publication
        assertEquals(0, signals.store(season, new EpidemicSignals.Author("op-1", "POST /epidemic-signal", Instant.parse("2025-12-01T11:00:00Z"))));
        EpidemicWeek revised = new EpidemicWeek("11", Epidemic.FLU, monday, 2.5, monday.plusDays(17));
        assertEquals(1, signals.store(List.of(flu, revised), new EpidemicSignals.Author("local:replay", "REPLAY", Instant.parse("2025-12-02T08:00:00Z"))));
        assertEquals(List.of(flu, revised), signals.of("11", Epidemic.FLU));

        List<Map<String, AttributeValue>> audit = client.query(b -> b.tableName(NAMES.registry())
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", Items.s(DynamoEpidemicSignals.AUDIT)))).items();
        assertEquals(List.of("31/31", "31/0", "2/1"), audit.stream().map(i -> Items.num(i, "rows") + "/" + Items.num(i, "changed")).toList());
        assertEquals("REPLAY", Items.str(audit.get(2), "action"));
        assertEquals("2025-09-01/2026-03-23", Items.str(audit.get(0), "weeks"));
        assertEquals("2025-2026", Items.str(audit.get(0), "season"));
    }
}
