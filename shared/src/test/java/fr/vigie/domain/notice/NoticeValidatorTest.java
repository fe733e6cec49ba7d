package fr.vigie.domain.notice;

import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.domain.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec section 5: the JSON types of a record, the estimate each kind carries, a publication date that can be true. */
class NoticeValidatorTest {

    static final Instant RECEIVED = Instant.parse("2025-11-03T09:00:00Z");

    static String record(String id, String published, String kind, String references, String estimate) {
        return "{\"noticeId\": \"" + id + "\", \"publishedAt\": \"" + published + "\", \"status\": \"RISK\", \"kind\": \"" + kind + "\","
                + " \"references\": " + references + ", \"emdn\": \"R0302\", \"expectedStart\": \"2025-11-05\","
                + " \"expectedEnd\": \"2025-12-20\"" + (estimate.isEmpty() ? "" : ", " + estimate) + "}";
    }

    static final String ACME = "[{\"supplier\": \"ACME\", \"ref\": \"OPT316\", \"udiDi\": \"09420012345678\"}]";

    static List<String> violations(String... records) {
        NoticeValidator.Result r = new NoticeValidator().validateAll(NoticeJson.drafts("[" + String.join(",", records) + "]"), RECEIVED);
        assertTrue(r.violations().stream().map(Violation::message).noneMatch(String::isBlank));
        return r.violations().stream().map(v -> v.entry() + ":" + v.field()).toList();
    }

    @Test
    void each_field_of_the_wrong_json_type_is_named_once_by_its_type() {
        // the tester's n_shapes.json: a reference object for the array, numbers and arrays for texts, a text or null for a record
        List<String> found = violations(
                record("DM-2025-0142", "2025-11-03", "DELAY", "{\"supplier\": \"ACME\", \"ref\": \"OPT316\"}", "\"expectedDelayDays\": 14"),
                record("DM-2025-0148", "2025-11-03", "DELAY", "[{\"supplier\": 123, \"ref\": [\"OPT316\"]}]", "\"expectedDelayDays\": 14"),
                record("DM-2025-0149", "2025-11-03", "DELAY", "[\"ACME OPT316\"]", "\"expectedDelayDays\": 14"),
                "\"DM-2025-0150\"",
                "null",
                record("DM-2025-0151", "2025-11-03", "DELAY", ACME, "\"expectedDelayDays\": \"14\""),
                "{\"noticeId\": 20250152, \"publishedAt\": \"2025-11-03\", \"status\": [\"RISK\"], \"kind\": \"DELAY\", \"references\": " + ACME + "}",
                record("DM-2025-0153", "2025-11-03", "DELAY", ACME, "\"expectedDelayDays\": 14"));
        assertEquals(List.of("0:references", "1:references[0].supplier", "1:references[0].ref", "2:references[0]", "3:-", "4:-",
                "5:expectedDelayDays", "6:noticeId", "6:status"), found);
    }

    @Test
    void the_other_kinds_estimate_is_left_out_and_the_record_kept() {
        // the tester's n_kind_mismatch.json: an ALLOCATION still carrying the delay of the notice's earlier DELAY records
        NoticeValidator.Result r = new NoticeValidator().validateAll(NoticeJson.drafts("["
                + record("DM-2025-0142", "2025-11-03", "DELAY", ACME, "\"allocationFraction\": 0.1, \"expectedDelayDays\": 30") + ","
                + record("DM-2025-0143", "2025-11-03", "ALLOCATION", ACME, "\"expectedDelayDays\": 400, \"allocationFraction\": 0.4") + "]"), RECEIVED);
        assertEquals(List.of(), r.violations(), "an optional estimate of the other kind never costs the record");
        assertEquals(30, r.notices().get(0).expectedDelayDays());
        assertEquals(null, r.notices().get(0).allocationFraction());
        assertEquals(null, r.notices().get(1).expectedDelayDays());
        assertEquals(0.4, r.notices().get(1).allocationFraction());
    }

    @Test
    void a_publication_in_the_future_of_the_intake_or_implausibly_old_is_refused() {
        // the tester's n_dates.json: 2099 and 1900, then a time and a French date for a day
        assertEquals(List.of("0:publishedAt", "1:publishedAt", "2:publishedAt", "3:publishedAt"), violations(
                record("DM-2025-0142", "2099-01-01", "DELAY", ACME, ""),
                record("DM-2025-0145", "1900-01-01", "DELAY", ACME, ""),
                record("DM-2025-0146", "2025-11-03T10:00:00Z", "DELAY", ACME, ""),
                record("DM-2025-0147", "03/11/2025", "DELAY", ACME, "")));
        // at 09:00 UTC on the 3rd, no time zone has reached the 4th (23:00 in Kiribati, UTC+14): the 4th is the future
        assertEquals(List.of("1:publishedAt"), violations(
                record("DM-2025-0148", "2025-11-03", "DELAY", ACME, ""),
                record("DM-2025-0149", "2025-11-04", "DELAY", ACME, "")));
        // an hour later Kiribati is on the 4th: a record published there that day is received, clock skew allowed
        assertEquals(List.of(), new NoticeValidator().validateAll(NoticeJson.drafts("[" + record("DM-2025-0149", "2025-11-04", "DELAY", ACME, "")
                + "]"), RECEIVED.plusSeconds(3600 - 5 * 60)).violations());
        assertEquals(List.of(), violations("{\"noticeId\": \"DM-2012-0001\", \"publishedAt\": \"" + NoticeValidator.EARLIEST_PUBLICATION
                + "\", \"status\": \"RISK\", \"kind\": \"DELAY\", \"references\": " + ACME + "}"));
    }

    static String estimated(String id, String start, String end) {
        return "{\"noticeId\": \"" + id + "\", \"publishedAt\": \"2025-11-03\", \"status\": \"RISK\", \"kind\": \"DELAY\","
                + " \"references\": " + ACME + ", \"expectedStart\": \"" + start + "\", \"expectedEnd\": \"" + end + "\"}";
    }

    @Test
    void an_estimate_far_from_its_publication_is_refused_naming_its_field() {
        long span = NoticeValidator.ESTIMATE_SPAN_DAYS;
        String first = LocalDate.of(2025, 11, 3).minusDays(span).toString();
        String last = LocalDate.of(2025, 11, 3).plusDays(span).toString();
        assertEquals(List.of("0:expectedStart", "0:expectedEnd", "1:expectedEnd", "2:expectedStart"), violations(
                estimated("DM-2025-0142", "0001-01-01", "9999-12-31"),
                estimated("DM-2025-0143", "2025-11-10", LocalDate.parse(last).plusDays(1).toString()),
                estimated("DM-2025-0144", LocalDate.parse(first).minusDays(1).toString(), "2025-12-20"),
                estimated("DM-2025-0145", first, last)));
        NoticeValidator.Result r = new NoticeValidator().validateAll(NoticeJson.drafts("[" + estimated("DM-2025-0142", "2025-11-10", "9999-12-31") + "]"), RECEIVED);
        assertTrue(r.violations().get(0).message().contains("9999-12-31"), r.violations().toString());
    }
}
