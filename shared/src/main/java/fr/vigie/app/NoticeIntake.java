package fr.vigie.app;

import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Violation;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeBook;
import fr.vigie.domain.notice.NoticeRevision;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.domain.notice.NoticeMatch;
import fr.vigie.domain.notice.NoticeValidator;
import fr.vigie.domain.notice.SupplyNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.NoticeStore;
import fr.vigie.port.SnapshotStore;
import fr.vigie.port.Watchlist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Manufacturers' notices in (spec section 5), whatever the route (operators' POST, a file in the
 * reports bucket, {@code ./vigie replay --notices}): each record validated (a bad one named by index
 * and field, the others kept), matched to the watch-list, stored once per (noticeId, status,
 * publishedAt) with its author, then announced: operators get each record that changes the
 * notice's state, and each facility that receives a matched device (its series has snapshots in
 * the {@link SeriesEvaluator#HISTORY_DAYS} days before) gets one message per change of status.
 */
public final class NoticeIntake {

    /** How far back a notice may still be in force: a year of records makes the book a day is read from. */
    public static final int LOOKBACK_DAYS = 366;

    /**
     * What one intake did: the records newly stored, how many were already known (the same record again), the
     * revisions (another record under a stored one's noticeId, status and publishedAt: the latest is the notice's
     * state, spec section 5), and the violations of the rejected.
     */
    public record Outcome(List<MatchedNotice> stored, int repeated, List<Revision> revised, List<Violation> rejected) {
    }

    /** A record ({@code index} in its array) that revised a stored one; read in French by its {@link #toString}. */
    public record Revision(int index, NoticeRevision change) {

        /** {@code avis entrée 1 : DM-2025-0142 RISK du 03/11/2025 révisé (expectedDelayDays "14" → "60")} */
        @Override
        public String toString() {
            SupplyNotice n = change.revised().notice();
            return "avis entrée " + index + " : " + n.noticeId() + " " + n.status() + " du " + AlertTexts.day(n.publishedAt())
                    + " révisé (" + change.changes() + ")";
        }
    }

    private final Watchlist watchlist;
    private final NoticeStore store;
    private final AlertChannels publisher;
    private final FacilityDirectory facilities;
    private final SnapshotStore snapshots;
    private final NoticeValidator validator = new NoticeValidator();

    public NoticeIntake(Watchlist watchlist, NoticeStore store, AlertChannels publisher, FacilityDirectory facilities,
                        SnapshotStore snapshots) {
        this.watchlist = watchlist;
        this.store = store;
        this.publisher = publisher;
        this.facilities = facilities;
        this.snapshots = snapshots;
    }

    /**
     * Receives records now (the operators' POST, a file): stored, the new ones announced at once, a revision to
     * operators only and only while it is its notice's latest record (its status is the former's: no hospital is
     * told anything new).
     */
    public Outcome receive(List<NoticeDraft> drafts, NoticeStore.Author author) {
        Outcome outcome = record(drafts, author);
        outcome.stored().forEach(this::announce);
        for (Revision r : outcome.revised()) {
            MatchedNotice record = r.change().revised();
            boolean latest = store.published(record.notice().publishedAt(), LocalDate.MAX).stream()
                    .filter(m -> m.notice().noticeId().equals(record.notice().noticeId())).reduce((a, b) -> b).orElseThrow().equals(record);
            if (latest) {
                publisher.supplyNotice(SupplyNoticeEvent.of(record));
            }
        }
        return outcome;
    }

    /**
     * Stores the records without announcing them: a replay announces each when its time reaches the record's date.
     * Of records of one key in one array, the last is the one published last (spec section 5): only it is stored,
     * so that the same file sent again is already known.
     */
    public Outcome record(List<NoticeDraft> drafts, NoticeStore.Author author) {
        NoticeValidator.Result valid = validator.validateAll(drafts, author.at());
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < valid.notices().size(); i++) {
            last.put(valid.notices().get(i).recordKey(), i);
        }
        List<MatchedNotice> stored = new ArrayList<>();
        List<Revision> revised = new ArrayList<>();
        int repeated = 0;
        for (int i : last.values().stream().sorted().toList()) {
            SupplyNotice notice = valid.notices().get(i);
            MatchedNotice matched = new MatchedNotice(notice, NoticeMatch.of(notice, watchlist.entries()));
            NoticeStore.Stored outcome = store.store(matched, author);
            if (!outcome.fresh()) {
                repeated++;
            } else if (outcome.revision() != null) {
                revised.add(new Revision(valid.indexes().get(i), outcome.revision()));
            } else {
                stored.add(matched);
            }
        }
        return new Outcome(List.copyOf(stored), repeated, List.copyOf(revised), valid.violations());
    }

    /** Tells operators of a record that changes its notice's state, and receiving facilities of a change of status. */
    public void announce(MatchedNotice record) {
        Optional<MatchedNotice> before = book(record.notice().publishedAt()).previous(record);
        if (before.isPresent() && sameState(before.get().notice(), record.notice())) {
            return;
        }
        publisher.supplyNotice(SupplyNoticeEvent.of(record));
        if (before.isPresent() && before.get().notice().status() == record.notice().status()) {
            return;
        }
        Instant endOfDay = record.notice().publishedAt().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        for (String deviceId : record.match().deviceIds()) {
            Optional<WatchlistEntry> device = watchlist.entry(deviceId);
            if (device.isEmpty() || !device.get().active()) {
                continue;
            }
            for (Facility f : facilities.facilities()) {
                if (!snapshots.history(new SeriesKey(f.facilityId(), deviceId), endOfDay, SeriesEvaluator.HISTORY_DAYS).isEmpty()) {
                    publisher.facilityNotice(f.facilityId(), device.get(), record);
                }
            }
        }
    }

    /** The notice records that may be in force on {@code day}, as the evaluation reads them. */
    public static NoticeBook book(NoticeStore store, LocalDate day) {
        return new NoticeBook(store.published(day.minusDays(LOOKBACK_DAYS), day));
    }

    private NoticeBook book(LocalDate day) {
        return book(store, day);
    }

    /** Two records say the same when only their publication date differs. */
    private static boolean sameState(SupplyNotice a, SupplyNotice b) {
        return a.equals(new SupplyNotice(b.noticeId(), a.publishedAt(), b.status(), b.kind(), b.references(), b.emdn(),
                b.expectedStart(), b.expectedEnd(), b.expectedDelayDays(), b.allocationFraction(), b.alternatives()));
    }
}
