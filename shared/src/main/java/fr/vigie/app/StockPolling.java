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

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One poll of the facilities' stock sources, a few at a time: a source that hangs, fails or answers
 * garbage is counted and logged, and never stops the others. What the sources answer goes through
 * the same ingestion as pushed reports, keeping only devices watched on the poll's day, facility by
 * facility in the order given as soon as each has answered: a worker stopped by its deadline keeps
 * what was stored, and the facilities not yet answered are named.
 */
public final class StockPolling {

    private static final Logger LOG = LoggerFactory.getLogger(StockPolling.class);

    /**
     * What a poll did: facilities asked, those that failed and why (no answer, an unreadable one, every row
     * refused, or no answer before the deadline), and each answering facility's ingestion.
     */
    public record PollReport(int polled, Map<String, String> failures, Map<String, IngestionReport> byFacility) {

        public long read() {
            return byFacility.values().stream().mapToLong(IngestionReport::read).sum();
        }

        public long stored() {
            return byFacility.values().stream().mapToLong(IngestionReport::stored).sum();
        }

        public long duplicates() {
            return byFacility.values().stream().mapToLong(IngestionReport::duplicates).sum();
        }

        public long conflicts() {
            return byFacility.values().stream().mapToLong(IngestionReport::conflictCount).sum();
        }

        public long rejected() {
            return byFacility.values().stream().mapToLong(IngestionReport::rejectedCount).sum();
        }

        /**
         * The facilities some of whose rows were refused or conflicted with stored ones: how many, by code, and the
         * first reason ({@code "2 refused (TIMESTAMP_OUT_OF_RANGE=2): ligne 1 : horodatage dans le futur …"}).
         */
        public Map<String, String> refused() {
            Map<String, String> out = new TreeMap<>();
            byFacility.forEach((facility, r) -> {
                if (r.rejectedCount() > 0) {
                    out.put(facility, r.rejectedCount() + " refused " + new TreeMap<>(r.rejectedByCode()) + ": " + r.rejected().get(0));
                } else if (r.conflictCount() > 0) {
                    out.put(facility, r.conflictCount() + " conflicting with stored values: " + r.conflicts().get(0).message());
                }
            });
            return out;
        }
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

    /** A poll without a deadline (each source is bounded by its own timeout). */
    public PollReport poll(Collection<Facility> facilities, Consumer<Snapshot> onStored) {
        return poll(facilities, onStored, null);
    }

    /**
     * Polls {@code facilities}; {@code onStored} receives each snapshot stored, facility by facility in the order
     * given. At {@code deadline} (null: none) the facilities still unanswered are given up and named as failures.
     */
    public PollReport poll(Collection<Facility> facilities, Consumer<Snapshot> onStored, Instant deadline) {
        Map<String, String> failures = new ConcurrentHashMap<>();
        Map<String, IngestionReport> byFacility = new LinkedHashMap<>();
        List<Facility> asked = List.copyOf(facilities);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, asked.size())));
        try {
            List<Future<List<FeedRow>>> answers = new ArrayList<>();
            for (Facility f : asked) {
                answers.add(pool.submit(() -> pollOne(f, failures)));
            }
            boolean late = false;
            for (int i = 0; i < asked.size(); i++) {
                String id = asked.get(i).facilityId();
                Future<List<FeedRow>> answer = answers.get(i);
                List<FeedRow> rows;
                try {
                    // past the deadline, only what has already answered is taken
                    rows = deadline == null ? answer.get() : answer.get(late ? 0
                            : Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                } catch (TimeoutException unanswered) {
                    late = true;
                    // said before the task is stopped: its own "interrupted" failure then finds the reason taken
                    failures.put(id, "no answer before the worker's deadline");
                    answer.cancel(true);
                    LOG.atWarn().addKeyValue("facilityId", id).log("poll_deadline_reached");
                    continue;
                }
                IngestionReport report = ingestion.ingest(rows, onStored);
                byFacility.put(id, report);
                if (report.stored() + report.duplicates() == 0 && report.rejectedCount() > 0) {
                    // an answer whose every row is refused (another facility's stock, times in the future) is a failed source
                    failures.putIfAbsent(id, "every row refused: " + report.rejected().get(0));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("poll interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a poll task failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new PollReport(asked.size(), Map.copyOf(failures), Collections.unmodifiableMap(byFacility));
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
                failures.putIfAbsent(facility.facilityId(), rows.get(0) instanceof FeedRow.Rejected rj ? rj.rejection().message() : "");
                LOG.atWarn().addKeyValue("facilityId", facility.facilityId()).addKeyValue("reason", "invalid_report").log("poll_failed");
                return List.of();
            }
        } catch (Exception e) {
            failures.putIfAbsent(facility.facilityId(), e.toString());
            LOG.atWarn().addKeyValue("facilityId", facility.facilityId()).addKeyValue("reason", e.toString()).log("poll_failed");
            return List.of();
        }
        return kept;
    }
}
