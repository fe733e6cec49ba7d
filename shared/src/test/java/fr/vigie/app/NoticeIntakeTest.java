package fr.vigie.app;

import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.adapter.memory.MemoryNoticeStore;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.Violation;
import fr.vigie.port.NoticeStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec section 5 through {@link NoticeIntake#record}: what is stored, already known or refused, named by index. */
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
    void another_record_under_a_known_key_is_a_conflict_named_by_index_and_the_stored_one_stays() {
        MemoryNoticeStore store = new MemoryNoticeStore();
        // the tester's file (repro n_same_key_conflict.json): same noticeId, status and publishedAt, other estimates
        NoticeIntake.Outcome outcome = intake(store).record(NoticeJson.drafts("[" + record("DM-2025-0142", "2025-12-20", 14) + ","
                + record("DM-2025-0142", "2026-03-01", 60) + "," + record("DM-2025-0142", "2025-12-20", 14) + "]"), AUTHOR);

        assertEquals(1, outcome.stored().size());
        assertEquals(1, outcome.repeated(), "the identical repeat stays already known");
        assertEquals(List.of("1:expectedEnd", "1:expectedDelayDays"),
                outcome.rejected().stream().map(v -> v.entry() + ":" + v.field()).toList());
        Violation delay = outcome.rejected().get(1);
        assertTrue(delay.message().contains("DM-2025-0142") && delay.message().contains("\"14\"") && delay.message().contains("\"60\""),
                delay.message());
        assertEquals(14, store.published(LocalDate.MIN, LocalDate.MAX).get(0).notice().expectedDelayDays(), "never written over");

        // posted again later: the same refusal, the same record kept
        NoticeIntake.Outcome again = intake(store).record(NoticeJson.drafts("[" + record("DM-2025-0142", "2026-03-01", 60) + "]"), AUTHOR);
        assertEquals(0, again.repeated());
        assertEquals(List.of("0:expectedEnd", "0:expectedDelayDays"), again.rejected().stream().map(v -> v.entry() + ":" + v.field()).toList());
        assertEquals(1, store.published(LocalDate.MIN, LocalDate.MAX).size());
    }

    @Test
    void a_conflict_with_the_durable_store_keeps_what_the_durable_store_holds() {
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
        assertEquals(List.of("0:expectedEnd", "0:expectedDelayDays"), outcome.rejected().stream().map(v -> v.entry() + ":" + v.field()).toList());
        assertEquals(14, memory.published(LocalDate.MIN, LocalDate.MAX).get(0).notice().expectedDelayDays());
    }
}
