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
    void of_one_key_the_last_record_is_the_notices_state_a_file_sent_again_is_known_and_a_correction_revises() {
        MemoryNoticeStore store = new MemoryNoticeStore();
        // the tester's file (repro n_same_key_conflict.json): same noticeId, status and publishedAt, other estimates
        String file = "[" + record("DM-2025-0142", "2025-12-20", 14) + "," + record("DM-2025-0142", "2026-03-01", 60) + "]";
        NoticeIntake.Outcome outcome = intake(store).record(NoticeJson.drafts(file), AUTHOR);
        // records are in publication order (spec section 5): the second is the notice's state, the first never stored
        assertEquals(List.of(60), outcome.stored().stream().map(m -> m.notice().expectedDelayDays()).toList());
        assertEquals(List.of(), outcome.revised());
        assertEquals(List.of(), outcome.rejected());

        // the same file again (an S3 redelivery, a replay run twice): already known, nothing revised back and forth
        NoticeIntake.Outcome again = intake(store).record(NoticeJson.drafts(file), AUTHOR);
        assertEquals(1, again.repeated());
        assertEquals(List.of(), again.revised());

        // an operator's corrected record: it revises the stored one, named with what changed
        NoticeIntake.Outcome corrected = intake(store).record(NoticeJson.drafts("[" + record("DM-2025-0142", "2026-03-01", 30) + "]"), AUTHOR);
        assertEquals(List.of("avis entrée 0 : DM-2025-0142 RISK du 03/11/2025 révisé (expectedDelayDays \"60\" → \"30\")"),
                corrected.revised().stream().map(Object::toString).toList());
        assertEquals(List.of(30), store.published(LocalDate.MIN, LocalDate.MAX).stream().map(m -> m.notice().expectedDelayDays()).toList());
    }

    @Test
    void a_revision_is_told_to_operators_only_while_it_is_its_notices_latest_record() {
        MemoryNoticeStore store = new MemoryNoticeStore();
        List<fr.vigie.domain.notice.SupplyNoticeEvent> told = new java.util.ArrayList<>();
        NoticeIntake intake = new NoticeIntake(MemoryWatchlist.of(List.of()), store,
                fr.vigie.port.AlertChannels.eventsOnly(e -> { }, d -> { }, told::add, s -> { }), null, new MemorySnapshotStore());
        String shortage = record("DM-2025-0142", "2025-12-20", 14).replace("\"2025-11-03\", \"status\": \"RISK\"",
                "\"2025-11-10\", \"status\": \"SHORTAGE\"");
        NoticeStore.Author later = new NoticeStore.Author("test", "TEST", Instant.parse("2025-11-10T09:00:00Z"));
        intake.receive(NoticeJson.drafts("[" + record("DM-2025-0142", "2025-12-20", 14) + "," + shortage + "]"), later);
        assertEquals(List.of("RISK", "SHORTAGE"), told.stream().map(e -> e.status().name()).toList());

        // the RISK record corrected after the SHORTAGE: stored, never told as if the notice were back to a risk
        NoticeIntake.Outcome corrected = intake.receive(NoticeJson.drafts("[" + record("DM-2025-0142", "2026-01-15", 14) + "]"), later);
        assertEquals(1, corrected.revised().size());
        assertEquals(2, told.size());
        // the SHORTAGE record corrected: the notice's state, told
        intake.receive(NoticeJson.drafts("[" + shortage.replace("\"expectedDelayDays\": 14", "\"expectedDelayDays\": 21") + "]"), later);
        assertEquals(List.of("RISK", "SHORTAGE", "SHORTAGE"), told.stream().map(e -> e.status().name()).toList());
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
