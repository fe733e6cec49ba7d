package fr.vigie.app;

import fr.vigie.domain.Excerpt;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.RejectedRow;

import java.util.function.Predicate;

/**
 * Keeps a report to the facilities its sender may report for: a hospital for itself, a polled
 * source for the facility polled. A row of another facility is refused like any bad row, with its
 * line and reason, and the sender's other rows are kept.
 */
public final class FacilityScope {

    private FacilityScope() {
    }

    public static FeedRow restrict(FeedRow row, Predicate<String> mayReportFor, String sender) {
        if (row instanceof FeedRow.Accepted accepted && !mayReportFor.test(accepted.snapshot().facilityId())) {
            return new FeedRow.Rejected(new RejectedRow(row.line(), RejectedRow.RejectCode.FACILITY_NOT_ALLOWED,
                    sender + " ne peut pas déclarer le stock de " + Excerpt.of(accepted.snapshot().facilityId())));
        }
        return row;
    }

    public static SnapshotIngestion.RowSource restrict(SnapshotIngestion.RowSource rows, Predicate<String> mayReportFor, String sender) {
        return () -> {
            FeedRow row = rows.next();
            return row == null ? null : restrict(row, mayReportFor, sender);
        };
    }
}
