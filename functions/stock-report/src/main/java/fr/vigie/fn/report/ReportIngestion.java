package fr.vigie.fn.report;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.domain.FeedRow;
import fr.vigie.adapter.feed.StockReportJson;
import fr.vigie.app.FacilityScope;
import fr.vigie.app.IngestionReport;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.domain.RejectedRow;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.Watchlist;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The part both report handlers share: a CSV feed or a JSON report through the one ingestion,
 * and the answer a hospital reads (what was stored, what was refused, line and reason).
 */
final class ReportIngestion {

    /**
     * The answer: counts, every refused row and every conflicting row (a key already stored with
     * another value: code CONFLICT, the stored and the offered values), capped as the ingestion caps them.
     */
    record Outcome(String source, long read, long stored, long duplicates, long conflictCount,
                   List<IngestionReport.Conflict> conflicts, long rejectedCount,
                   Map<RejectedRow.RejectCode, Long> rejectedByCode, List<RejectedRow> rejected, String error) {

        static Outcome of(String source, IngestionReport r) {
            return new Outcome(source, r.read(), r.stored(), r.duplicates(), r.conflictCount(), r.conflicts(),
                    r.rejectedCount(), r.rejectedByCode(), r.rejected(), null);
        }

        static Outcome unreadable(String source, String error) {
            return new Outcome(source, 0, 0, 0, 0, List.of(), 0, Map.of(), List.of(), error);
        }
    }

    private final SnapshotIngestion ingestion;

    ReportIngestion(SnapshotIngestion ingestion) {
        this.ingestion = ingestion;
    }

    /** The same, refusing facilities the registry does not hold while it holds any ({@code UNKNOWN_FACILITY}). */
    ReportIngestion admittingFacilitiesOf(FacilityDirectory registry) {
        return new ReportIngestion(ingestion.admittingFacilitiesOf(registry));
    }

    /** Who sends the report, and for which facilities it may report (a hospital: itself only). */
    record Sender(String label, Predicate<String> mayReportFor) {
        static final Sender ANY = new Sender("le dépôt", facility -> true);
    }

    Outcome csv(String source, Reader in, Watchlist watchlist, Sender sender) throws IOException {
        try (FeedCsvReader reader = new FeedCsvReader(in, watchlist::knows)) {
            return read(source, reader, sender);
        } catch (FeedFormatException e) {
            return Outcome.unreadable(source, e.getMessage());
        }
    }

    Outcome csv(String source, InputStream in, Watchlist watchlist, Sender sender) throws IOException {
        try (FeedCsvReader reader = new FeedCsvReader(in, watchlist::knows)) {
            return read(source, reader, sender);
        } catch (FeedFormatException e) {
            return Outcome.unreadable(source, e.getMessage());
        }
    }

    /** A JSON report; a body that is not a report at all (line 0) is unreadable, not a rejected row. */
    Outcome json(String source, String body, Watchlist watchlist, Sender sender) {
        List<FeedRow> rows = StockReportJson.parse(body, watchlist::knows);
        if (rows.size() == 1 && rows.get(0) instanceof FeedRow.Rejected r && r.line() == 0) {
            return Outcome.unreadable(source, r.rejection().message());
        }
        return Outcome.of(source, ingestion.ingest(rows.stream()
                .map(row -> FacilityScope.restrict(row, sender.mayReportFor(), sender.label())).toList(), s -> { }));
    }

    private Outcome read(String source, FeedCsvReader reader, Sender sender) throws IOException {
        return Outcome.of(source, ingestion.ingest(FacilityScope.restrict(reader::next, sender.mayReportFor(), sender.label()), s -> { }));
    }
}
