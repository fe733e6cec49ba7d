package fr.vigie.fn.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import fr.vigie.adapter.aws.HandlerLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The scheduled poll (EventBridge): reads the registry and the watch-list and, in season, sends the
 * polled facilities to the poll queue in small groups, one SQS message each, for
 * {@link PollWorkerHandler}. Out of season (no active device watched today) it sends nothing.
 */
public final class PollScheduleHandler implements RequestHandler<ScheduledEvent, PollFanOut.Summary> {

    private static final Logger LOG = LoggerFactory.getLogger(PollScheduleHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("REGISTRY_TABLE", "POLL_QUEUE_URL");

    private final PollFanOut fanOut;
    private final Clock clock;

    public PollScheduleHandler() {
        this(LambdaEnvironment.system());
    }

    private PollScheduleHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), SqsClient.builder().region(env.region()).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                env.require("REGISTRY_TABLE"), env.require("POLL_QUEUE_URL"), Clock.systemUTC());
    }

    PollScheduleHandler(DynamoDbClient dynamo, SqsClient sqs, String registryTable, String queueUrl, Clock clock) {
        this.fanOut = new PollFanOut(new DynamoFacilityDirectory(dynamo, registryTable),
                () -> DynamoWatchlist.load(dynamo, registryTable), sqs, queueUrl);
        this.clock = clock;
    }

    @Override
    public PollFanOut.Summary handleRequest(ScheduledEvent event, Context context) {
        return HandlerLogging.handle(context, () -> handle(event, context));
    }

    private PollFanOut.Summary handle(ScheduledEvent event, Context context) {
        // the scheduled time, not the wall clock: a retried run has the same poll id
        Instant scheduled = event.getTime() == null ? clock.instant() : Instant.ofEpochMilli(event.getTime().getMillis());
        PollFanOut.Summary summary = fanOut.run(scheduled);
        HandlerLogging.logRecord(LOG, Level.INFO, "poll_scheduled", summary);
        return summary;
    }
}
