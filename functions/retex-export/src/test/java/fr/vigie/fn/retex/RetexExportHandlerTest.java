package fr.vigie.fn.retex;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The yearly export on the events/ schedule sample (1 September 2026), DynamoDB Local and the fauxqs S3. */
class RetexExportHandlerTest {

    @Test
    void theSeasonJustEndedIsWrittenAndNothingOutsideIt() {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        Tables.Names names = new Tables.Names("retex-snapshots", "retex-alerts", "retex-registry");
        Tables.createMissing(dynamo, names);
        S3Client s3 = S3Client.builder().endpointOverride(Fauxqs.get().endpoint()).forcePathStyle(true).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        s3.createBucket(b -> b.bucket("vigie-retex-test"));
        DynamoWatchlist.put(dynamo, names.registry(), new WatchlistEntry("HFNC-PED", "Canule", Set.of(Epidemic.BRONCHIOLITIS),
                "piece", null, List.of(), new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true));
        new DynamoFacilityDirectory(dynamo, names.registry()).put(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
        new DynamoSnapshotStore(dynamo, names.snapshots()).storeNew(List.of(
                snapshot("2025-08-31T21:00:00Z", 510),          // 31 August, 23:00 in Paris: season 2024-2025
                snapshot("2025-08-31T23:00:00Z", 500),          // 1 September, 01:00 in Paris: the facility's day is in the season
                snapshot("2025-11-02T05:00:00Z", 120),
                snapshot("2026-08-31T22:00:00Z", 300),          // 1 September 2026, 00:00 in Paris: season 2026-2027
                snapshot("2026-09-01T00:00:00Z", 290)));
        ScheduledEvent event = EventLoader.loadScheduledEvent(ProjectRoot.find().resolve("events/retex-schedule.json").toString());

        Map<String, Object> result = new RetexExportHandler(dynamo, s3, names, "vigie-retex-test")
                .handleRequest(event, new TestLambdaContext("retex-export"));

        assertEquals("2025-2026", result.get("season"));
        assertEquals(2L, result.get("snapshots"));
        List<String> rows = s3.getObjectAsBytes(b -> b.bucket("vigie-retex-test").key("retex/2025-2026/snapshots.csv"))
                .asUtf8String().lines().toList();
        assertEquals(3, rows.size(), "a header and the season's two snapshots, by the facility's local days: " + rows);
        assertTrue(rows.get(1).startsWith("2025-09-01 01:00:00;Europe/Paris;CHU-IDF-01;HFNC-PED;500;"), rows.get(1));
        assertTrue(rows.get(2).startsWith("2025-11-02 06:00:00;Europe/Paris;CHU-IDF-01;HFNC-PED;120;"), rows.get(2));
        for (String file : List.of("alerts.csv", "disruptions.csv", "summary.csv", "facilities.csv", "summary-devices.csv",
                "summary-regions.csv", "whatif.csv", "recommendations.csv", "suppliers.csv", "proposed-watchlist.json", "report.html")) {
            assertTrue(s3.getObjectAsBytes(b -> b.bucket("vigie-retex-test").key("retex/2025-2026/" + file)).asByteArray().length > 0, file);
        }
    }

    @Test
    void seasonNames() {
        assertEquals("2025-2026", Season.endedBefore(LocalDate.of(2026, 9, 1)).label());
        assertEquals("2024-2025", Season.endedBefore(LocalDate.of(2026, 8, 31)).label());
    }

    private static Snapshot snapshot(String at, long onHand) {
        return new Snapshot("CHU-IDF-01", "HFNC-PED", Instant.parse(at), onHand, 10L, null, null, null);
    }
}
