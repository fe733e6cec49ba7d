package fr.vigie.fuzz;

import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.domain.notice.NoticeValidator;
import fr.vigie.domain.notice.SupplyNotice;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged notices files (spec section 5) through the one reader and validator: the body is refused
 * as a whole (IllegalArgumentException) or every record is either kept, whole and valid, or named by
 * its index; nothing else escapes. Seeded, so a failure replays.
 */
class NoticeRobustnessTest {

    static final String NOTICES = "[{\"noticeId\": \"DM-2025-0142\", \"publishedAt\": \"2025-11-03\", \"status\": \"RISK\", \"kind\": \"DELAY\","
            + " \"references\": [{\"supplier\": \"ACME\", \"ref\": \"OPT316\", \"udiDi\": \"09420012345678\"}], \"emdn\": \"R0302\","
            + " \"expectedStart\": \"2025-11-10\", \"expectedEnd\": \"2025-12-20\", \"expectedDelayDays\": 14,"
            + " \"alternatives\": [{\"supplier\": \"FAB-BRETMED\", \"ref\": \"NC210-M\"}]},"
            + " {\"noticeId\": \"DM-2025-0143\", \"publishedAt\": \"2025-11-04\", \"status\": \"SHORTAGE\", \"kind\": \"ALLOCATION\","
            + " \"references\": [{\"supplier\": \"ACME\", \"ref\": \"OPT317\"}], \"allocationFraction\": 0.25}]";

    @Test
    void damagedNoticesAreRefusedWholeOrRecordByRecord() {
        Random random = new Random(20251103);
        NoticeValidator validator = new NoticeValidator();
        for (int i = 0; i < 20_000; i++) {
            String body = new String(ParserRobustnessTest.damage(NOTICES.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
            List<NoticeDraft> drafts;
            try {
                drafts = NoticeJson.drafts(body);
            } catch (IllegalArgumentException unreadable) {
                assertFalse(unreadable.getMessage().isBlank());
                continue;
            }
            NoticeValidator.Result r = validator.validateAll(drafts, java.time.Instant.parse("2025-11-05T09:00:00Z"));
            long named = r.violations().stream().map(v -> v.entry()).distinct().count();
            assertEquals(drafts.size(), r.notices().size() + named, body);
            for (SupplyNotice n : r.notices()) {
                assertNotNull(n.publishedAt(), body);
                assertTrue(!n.references().isEmpty() && n.noticeId().matches("DM-\\d{4}-\\d{4}"), body);
            }
        }
    }
}
