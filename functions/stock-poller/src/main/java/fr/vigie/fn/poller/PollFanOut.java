package fr.vigie.fn.poller;

import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Facility;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Splits the polled facilities into groups of {@link #FACILITIES_PER_MESSAGE}, one poll-queue
 * message each ({@link PollRequest} as JSON), sent ten at a time. A group that SQS refuses fails the
 * run, so the schedule retries it; a facility polled twice stores nothing twice.
 */
final class PollFanOut {

    static final int FACILITIES_PER_MESSAGE = 20;
    private static final int SQS_BATCH = 10;

    /** What a scheduled run did. */
    record Summary(String event, String pollId, boolean inSeason, int devicesWatched, int facilities, int messages) {
    }

    private final FacilityDirectory directory;
    private final Supplier<Watchlist> watchlist;
    private final SqsClient sqs;
    private final String queueUrl;

    PollFanOut(FacilityDirectory directory, Supplier<Watchlist> watchlist, SqsClient sqs, String queueUrl) {
        this.directory = directory;
        this.watchlist = watchlist;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** @param now the run's scheduled time: it decides the season and names the poll */
    Summary run(Instant now) {
        String pollId = now.toString();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int watched = (int) watchlist.get().entries().stream().filter(e -> e.watchedOn(today)).count();
        if (watched == 0) {
            return new Summary("poll_fan_out", pollId, false, 0, 0, 0);
        }
        List<String> ids = directory.facilities().stream().filter(f -> f.source() != null).map(Facility::facilityId).sorted().toList();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += FACILITIES_PER_MESSAGE) {
            PollRequest request = new PollRequest(pollId, ids.subList(i, Math.min(ids.size(), i + FACILITIES_PER_MESSAGE)));
            entries.add(SendMessageBatchRequestEntry.builder().id("g" + entries.size())
                    .messageBody(Json.write(request)).build());
        }
        for (int i = 0; i < entries.size(); i += SQS_BATCH) {
            List<SendMessageBatchRequestEntry> batch = entries.subList(i, Math.min(entries.size(), i + SQS_BATCH));
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("poll queue refused " + response.failed().size() + " message(s): "
                        + response.failed().get(0).code() + " " + response.failed().get(0).message());
            }
        }
        return new Summary("poll_fan_out", pollId, true, watched, ids.size(), entries.size());
    }
}
