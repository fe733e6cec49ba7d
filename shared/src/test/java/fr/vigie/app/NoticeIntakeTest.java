package fr.vigie.app;

import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.adapter.memory.MemoryNoticeStore;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.port.NoticeStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spec section 5 through {@link NoticeIntake#record}: what is stored, already known, revised or refused, named by index. */
class NoticeIntakeTest {

    static final NoticeStore.Author AUTHOR = new NoticeStore.Author("test", "TEST", Instant.parse("2025-11-03T09:00:00Z"));

    static String record(String id, String end, int delay) {
        return "{\"noticeId\": \"" + id + "\", \"publishedAt\": \"2025-11-03\", \"status\": \"RISK\", \"kind\": \"DELAY\","
                + " \"references\": [{\"supplier\": \"ACME\", \"ref\": \"OPT316\", \"udiDi\": \"09420012345678\"}], \"emdn\": \"R0302\","
                + " \"expectedStart\": \"2025-11-05\", \"expectedEnd\": \"" + end + "\", \"expectedDelayDays\": " + delay + "}";
    }

    static NoticeIntake intake(NoticeStore store) {
        return new NoticeIntake(MemoryWatchlist.of(List.of()), store, null, null, new MemorySnapshotStore());
    }

    @Test
    void another_record_under_a_known_key_revises_it_the_latest_told_and_named_with_what_changed() {
        MemoryNoticeStore store = new MemoryNoticeStore();
        // the tester's file (repro n_same_key_conflict.json): same noticeId, status and publishedAt, other estimates, then the first again
        NoticeIntake.Outcome outcome = intake(store).record(NoticeJson.drafts("[" + record("DM-2025-0142", "2025-12-20", 14) + ","
                + record("DM-2025-0142", "2026-03-01", 60) + "]"), AUTHOR);

        // records are in publication order (spec section 5): the second is the notice's state, the first never told
        assertEquals(List.of(60), outcome.stored().stream().map(m -> m.notice().expectedDelayDays()).toList());
        assertEquals(List.of("avis entrée 1 : DM-2025-0142 RISK du 03/11/2025 révisé (expectedEnd \"2025-12-20\" → \"2026-03-01\","
                + " expectedDelayDays \"14\" → \"60\")"), outcome.revised());
        assertEquals(List.of(), outcome.rejected());
        assertEquals(List.of(60), store.published(LocalDate.MIN, LocalDate.MAX).stream().map(m -> m.notice().expectedDelayDays()).toList());

        // the same file again: already known, nothing revised back
        NoticeIntake.Outcome again = intake(store).record(NoticeJson.drafts("[" + record("DM-2025-0142", "2026-03-01", 60) + "]"), AUTHOR);
        assertEquals(1, again.repeated());
        assertEquals(List.of(), again.revised());
        assertEquals(1, store.published(LocalDate.MIN, LocalDate.MAX).size());
    }

    @Test
    void a_revision_goes_to_the_durable_store_and_is_what_the_cache_then_holds() {
        MemoryNoticeStore durable = new MemoryNoticeStore();
        intake(durable).record(NoticeJson.drafts("[" + record("DM-2025-0142", "2025-12-20", 14) + "]"), AUTHOR);
        // another writer's record reached the durable store after this cache read it (here: never read)
        NoticeStore late = new NoticeStore() {
            @Override
            public Stored store(fr.vigie.domain.notice.MatchedNotice record, Author author) {
                return durable.store(record, author);
            }

            @Override
            public List<fr.vigie.domain.notice.MatchedNotice> published(LocalDate from, LocalDate to) {
                return List.of();
            }
        };
        MemoryNoticeStore memory = new MemoryNoticeStore(late);
        NoticeIntake.Outcome outcome = intake(memory).record(NoticeJson.drafts("[" + record("DM-2025-0142", "2026-03-01", 60) + "]"), AUTHOR);
        assertEquals(1, outcome.revised().size(), "the durable store knew the former: " + outcome);
        assertEquals(60, durable.published(LocalDate.MIN, LocalDate.MAX).get(0).notice().expectedDelayDays());
        assertEquals(60, memory.published(LocalDate.MIN, LocalDate.MAX).get(0).notice().expectedDelayDays());
    }
}
