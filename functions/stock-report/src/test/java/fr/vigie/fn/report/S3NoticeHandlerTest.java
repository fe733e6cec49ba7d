package fr.vigie.fn.report;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.wiring.CloudNotices;
import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.AlertDispatch;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.port.AlertOutbox;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.notice.MatchedBy;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.SnsProbe;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notices file dropped under notices/ (the events/ S3 sample), on DynamoDB Local and the fauxqs S3 and SNS:
 * stored once, its operators' message recorded once in the outbox, then sent once by the outbox dispatcher.
 */
class S3NoticeHandlerTest {

    private static final String BUCKET = "vigie-prod-123456789012-eu-west-3";

    @Test
    void droppedNoticesAreStoredOnceToldToOperatorsAndAnsweredBeside() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        Tables.Names names = freshTables("s3n");
        ReportFixtures.watchlist(dynamo, names.registry());
        SnsClient sns = Fauxqs.get().sns();
        String topic = sns.createTopic(b -> b.name(names.alerts() + "-topic")).topicArn();
        SnsProbe operators = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"type\":[\"SUPPLY_NOTICE\"]}");
        S3Client s3 = bucket();
        s3.putObject(b -> b.bucket(BUCKET).key("notices/ansm 2025-11-03.json"), RequestBody.fromString("""
                [{"noticeId": "DM-2025-0142", "publishedAt": "2025-11-03", "status": "RISK", "kind": "DELAY",
                  "references": [{"supplier": "ACME", "ref": "OPT316", "udiDi": "09420012345678"}], "expectedDelayDays": 14},
                 {"noticeId": "DM-2025-0143", "publishedAt": "2025-11-03", "status": "RISK", "kind": "DELAY", "references": []}]
                """));
        S3Event event = EventLoader.loadS3Event(ProjectRoot.find().resolve("events/supply-notices-s3.json").toString());
        // the function's own composition: no SNS client, the messages recorded in the outbox
        S3NoticeHandler handler = new S3NoticeHandler(s3, () -> CloudNotices.recording(dynamo, names.registry(), names.snapshots(),
                names.alerts()), Clock.fixed(Instant.parse("2025-11-03T09:00:00Z"), ZoneOffset.UTC));

        handler.handleRequest(event, new TestLambdaContext("notices-s3"));
        handler.handleRequest(event, new TestLambdaContext("notices-s3"));
        List<AlertOutbox.Pending> pending = new DynamoAlertOutbox(dynamo, names.alerts()).pending();
        assertEquals(1, pending.size(), "the operators' message recorded once, pending: " + pending);
        assertEquals(0, operators.receive(1, Duration.ofSeconds(1)).size(), "nothing published by the function itself");

        // the outbox dispatcher (the coverage-evaluator's, the hourly silence check's) sends it over SNS, once
        AlertDispatch dispatch = new AlertDispatch(new DynamoAlertOutbox(dynamo, names.alerts()),
                new SnsAlertChannels(sns, topic, id -> java.util.Optional.empty()), DynamoWatchlist.load(dynamo, names.registry()),
                new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)));
        assertEquals(1, dispatch.retryPending(Instant.parse("2025-11-03T10:00:00Z")).sent());
        assertEquals(0, dispatch.retryPending(Instant.parse("2025-11-03T11:00:00Z")).sent(), "sent once");
        assertEquals(List.of(), new DynamoAlertOutbox(dynamo, names.alerts()).pending());

        JsonNode answer = Json.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("reports/results/notices/ansm 2025-11-03.json.json")).asUtf8String());
        assertEquals(0, answer.get("stored").asInt(), "the second drop stores nothing: " + answer);
        assertEquals(1, answer.get("repeated").asInt());
        assertEquals("references", answer.get("errors").get(0).get("field").asText());
        List<MatchedNotice> stored = new DynamoNoticeStore(dynamo, names.registry()).published(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30));
        assertEquals(1, stored.size());
        assertEquals(MatchedBy.NONE, stored.get(0).match().matchedBy(), "kept although the list lacks the reference");
        var told = operators.receive(2, Duration.ofSeconds(5));
        assertEquals(1, told.size(), "told once");
        assertTrue(SnsProbe.bodyFor(told.get(0), "sqs").contains("\"deviceIds\":[],\"matchedBy\":\"none\""), told.get(0).body());
    }

    @Test
    void aFolderCreatedUnderNoticesIsSkippedAndNotAnswered() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        Tables.Names names = freshTables("s3f");
        S3Client s3 = bucket();
        s3.putObject(b -> b.bucket(BUCKET).key("notices/2025-11/"), RequestBody.empty());
        java.nio.file.Path folderEvent = java.nio.file.Files.createTempFile("s3-notices-folder", ".json");
        java.nio.file.Files.writeString(folderEvent, java.nio.file.Files.readString(ProjectRoot.find().resolve("events/supply-notices-s3.json"))
                .replace("notices/ansm+2025-11-03.json", "notices/2025-11/"));
        S3NoticeHandler handler = new S3NoticeHandler(s3, () -> CloudNotices.recording(dynamo, names.registry(), names.snapshots(),
                names.alerts()), Clock.fixed(Instant.parse("2025-11-03T09:00:00Z"), ZoneOffset.UTC));

        var answers = handler.handleRequest(EventLoader.loadS3Event(folderEvent.toString()), new TestLambdaContext("notices-s3"));

        assertEquals(true, answers.get(0).get("skipped"), answers.toString());
        assertEquals(List.of(), s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("reports/results/notices/2025-11")).contents(),
                "no answer for a folder");
    }

    /** Tables of their own on DynamoDB Local, named {@code prefix-…}. */
    private static Tables.Names freshTables(String prefix) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names(prefix + "-snap-" + suffix, prefix + "-alerts-" + suffix, prefix + "-registry-" + suffix);
        Tables.createMissing(DynamoDbLocalServer.get().client(), names);
        return names;
    }

    /** A client of the fauxqs S3, {@link #BUCKET} created. */
    private static S3Client bucket() {
        S3Client s3 = S3Client.builder().endpointOverride(Fauxqs.get().endpoint()).forcePathStyle(true).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        return s3;
    }
}
