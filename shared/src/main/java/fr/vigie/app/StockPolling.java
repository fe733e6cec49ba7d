package fr.vigie.app;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.Facility;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.Snapshot;
import fr.vigie.port.StockSource;
import fr.vigie.port.Watchlist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One poll of the facilities' stock sources, a few at a time: a source that hangs, fails or answers
 * garbage is counted and logged, and never stops the others. What the sources answer goes through
 * the same ingestion as pushed reports, keeping only devices watched on the poll's day.
 */
public final class StockPolling {

    private static final Logger LOG = LoggerFactory.getLogger(StockPolling.class);

    /** What a poll did: facilities asked, those that failed and why, and the ingestion of what came back. */
    public record PollReport(int polled, Map<String, String> failures, IngestionReport ingestion) {
    }

    private final StockSource source;
    private final Watchlist watchlist;
    private final SnapshotIngestion ingestion;
    private final int concurrency;

    public StockPolling(StockSource source, Watchlist watchlist, SnapshotIngestion ingestion, int concurrency) {
        this.source = source;
        this.watchlist = watchlist;
        this.ingestion = ingestion;
        this.concurrency = concurrency;
    }

    public PollReport poll(Collection<Facility> facilities, Consumer<Snapshot> onStored) {
        Map<String, String> failures = new ConcurrentHashMap<>();
        List<FeedRow> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, facilities.size())));
        try {
            List<Future<List<FeedRow>>> answers = new ArrayList<>();
            for (Facility f : facilities) {
                answers.add(pool.submit(() -> pollOne(f, failures)));
            }
            for (Future<List<FeedRow>> answer : answers) {
                rows.addAll(answer.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("poll interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a poll task failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new PollReport(facilities.size(), Map.copyOf(failures), ingestion.ingest(rows, onStored));
    }

    private boolean watched(Snapshot s) {
        return watchlist.entry(s.deviceId()).map(e -> e.watchedOn(LocalDays.of(s.timestamp(), ZoneOffset.UTC))).orElse(false);
    }

    private List<FeedRow> pollOne(Facility facility, Map<String, String> failures) {
        List<FeedRow> kept = new ArrayList<>();
        try {
            List<FeedRow> rows = source.fetch(facility, watchlist::knows);
            for (FeedRow answered : rows) {
                FeedRow row = FacilityScope.restrict(answered, facility.facilityId()::equals, "la source de " + facility.facilityId());
                if (!(row instanceof FeedRow.Accepted a) || watched(a.snapshot())) {
                    kept.add(row);
                }
            }
            if (!rows.isEmpty() && rows.stream().allMatch(r -> r instanceof FeedRow.Rejected rj
                    && rj.rejection().code() == RejectedRow.RejectCode.INVALID_JSON)) {
                failures.put(facility.facilityId(), rows.get(0) instanceof FeedRow.Rejected rj ? rj.rejection().message() : "");
                LOG.atWarn().addKeyValue("facilityId", facility.facilityId()).addKeyValue("reason", "invalid_report").log("poll_failed");
                return List.of();
            }
        } catch (Exception e) {
            failures.put(facility.facilityId(), e.toString());
            LOG.atWarn().addKeyValue("facilityId", facility.facilityId()).addKeyValue("reason", e.toString()).log("poll_failed");
            return List.of();
        }
        return kept;
    }
}
