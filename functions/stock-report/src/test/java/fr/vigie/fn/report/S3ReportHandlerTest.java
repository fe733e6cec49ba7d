package fr.vigie.fn.report;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A CSV dropped in the bucket (the events/ S3 sample), against DynamoDB Local and the fauxqs S3. */
class S3ReportHandlerTest {

    private static final Tables.Names NAMES = new Tables.Names("s3rep-snapshots", "s3rep-alerts", "s3rep-registry");
    private static final String BUCKET = "vigie-prod-123456789012-eu-west-3";
    private static DynamoDbClient dynamo;
    private static S3Client s3;

    @BeforeAll
    static void setUp() {
        dynamo = DynamoDbLocalServer.get().client();
        Tables.createMissing(dynamo, NAMES);
        ReportFixtures.watchlist(dynamo, NAMES.registry());
        s3 = S3Client.builder().endpointOverride(Fauxqs.get().endpoint()).forcePathStyle(true).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void droppedCsvIsStoredAndItsResultWrittenBeside() throws Exception {
        String csv = "\uFEFFtimestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery\n"
                + "2025-11-02T05:00:00Z,CH-BRE-08,HFNC-PED,88,9,0,0,\n"
                + "2025-11-02T05:00:00Z,CH-BRE-08,NEB-MASK-PED,15,30,0,400,2025-11-03\n"
                + "2025-11-02T05:00:00Z,CH-BRE-08,O2-MASK-AD,40,4,0,0,\n";
        s3.putObject(b -> b.bucket(BUCKET).key("reports/incoming/CH-BRE-08/stock 2025-11-02.csv"), RequestBody.fromString(csv));
        S3Event event = EventLoader.loadS3Event(ProjectRoot.find().resolve("events/stock-report-s3.json").toString());

        List<ReportIngestion.Outcome> outcomes = new S3ReportHandler(dynamo, s3, NAMES.snapshots(), NAMES.registry(), fr.vigie.domain.SnapshotAdmission.Window.DEFAULT, ReportFixtures.RECEIVED)
                .handleRequest(event, new TestLambdaContext("stock-report-s3"));

        assertEquals(1, outcomes.size());
        assertEquals(2, outcomes.get(0).stored());
        assertEquals(2, ReportFixtures.snapshotsOf(dynamo, NAMES.snapshots(), "CH-BRE-08").size());
        JsonNode result = Json.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("reports/results/CH-BRE-08/stock 2025-11-02.csv.json")).asUtf8String());
        assertEquals("s3://" + BUCKET + "/reports/incoming/CH-BRE-08/stock 2025-11-02.csv", result.get("source").asText());
        assertEquals(3, result.get("read").asInt());
        assertEquals(2, result.get("stored").asInt());
        assertEquals(4, result.get("rejected").get(0).get("line").asInt());
        assertEquals("UNKNOWN_DEVICE", result.get("rejected").get(0).get("code").asText());
    }

    @Test
    void aJsonReportDroppedForTheCsvIsRefusedWholeInOneMessageAndKept() throws Exception {
        String json = "{\"facilityId\": \"CH-BRE-08\", \"reportedAt\": \"2025-11-02T05:00:00Z\",\n"
                + " \"items\": [{\"deviceId\": \"HFNC-PED\", \"onHand\": 120}]}";
        s3.putObject(b -> b.bucket(BUCKET).key("reports/incoming/CH-BRE-08/stock 2025-11-02.csv"), RequestBody.fromString(json));
        S3Event event = EventLoader.loadS3Event(ProjectRoot.find().resolve("events/stock-report-s3.json").toString());

        List<ReportIngestion.Outcome> outcomes = new S3ReportHandler(dynamo, s3, NAMES.snapshots(), NAMES.registry(), fr.vigie.domain.SnapshotAdmission.Window.DEFAULT, ReportFixtures.RECEIVED)
                .handleRequest(event, new TestLambdaContext("stock-report-s3"));

        JsonNode result = Json.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("reports/results/CH-BRE-08/stock 2025-11-02.csv.json")).asUtf8String());
        assertTrue(result.get("error").asText().startsWith("document JSON : un fichier CSV en UTF-8 est attendu"), result.toString());
        assertTrue(result.get("error").asText().contains("POST /stock-reports"), result.toString());
        assertEquals(0, result.get("read").asInt());
        assertEquals(0, result.get("rejected").size(), "one refusal for the file, not one per line");
        assertEquals(0, outcomes.get(0).stored());
        assertEquals(json, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/incoming/CH-BRE-08/stock 2025-11-02.csv")).asUtf8String(),
                "the dropped file stays where it was, to be sent again the right way");
    }

    @Test
    void aFolderCreatedInTheIncomingFolderIsNotAReport() throws Exception {
        // the S3 console's "Create folder" puts an empty object whose key ends in '/', and its event comes like a file's
        s3.putObject(b -> b.bucket(BUCKET).key("reports/incoming/CH-BRE-09/"), RequestBody.empty());
        java.nio.file.Path sample = ProjectRoot.find().resolve("events/stock-report-s3.json");
        java.nio.file.Path folderEvent = java.nio.file.Files.createTempFile("s3-folder", ".json");
        java.nio.file.Files.writeString(folderEvent, java.nio.file.Files.readString(sample)
                .replace("reports/incoming/CH-BRE-08/stock+2025-11-02.csv", "reports/incoming/CH-BRE-09/"));
        S3Event event = EventLoader.loadS3Event(folderEvent.toString());

        List<ReportIngestion.Outcome> outcomes = new S3ReportHandler(dynamo, s3, NAMES.snapshots(), NAMES.registry(), fr.vigie.domain.SnapshotAdmission.Window.DEFAULT, ReportFixtures.RECEIVED)
                .handleRequest(event, new TestLambdaContext("stock-report-s3"));

        assertEquals(List.of(), outcomes);
        assertEquals(List.of(), s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("reports/results/CH-BRE-09")).contents(), "no result file for a folder");
    }
}
