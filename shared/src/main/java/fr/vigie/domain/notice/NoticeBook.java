package fr.vigie.domain.notice;

import fr.vigie.domain.forecast.NoticePressure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notice records known, and what they say on a given day. Spec section 5: a notice's state on a
 * day is its latest record published on or before that day; a record never acts before its date.
 * Records of one notice published the same day are ordered by status ({@code RISK}, {@code SHORTAGE},
 * then the closing ones), so the state does not depend on the order a store returns them in.
 */
public final class NoticeBook {

    private static final Comparator<MatchedNotice> PUBLICATION = Comparator
            .comparing((MatchedNotice m) -> m.notice().publishedAt())
            .thenComparing(m -> m.notice().status());

    public static final NoticeBook EMPTY = new NoticeBook(List.of());

    private final List<MatchedNotice> records;

    public NoticeBook(List<MatchedNotice> records) {
        this.records = records.stream().sorted(PUBLICATION).toList();
    }

    /** Every record, in publication order. */
    public List<MatchedNotice> records() {
        return records;
    }

    /** The state of each notice published on or before {@code day}: its latest record, by notice id in first-publication order. */
    public List<MatchedNotice> statesOn(LocalDate day) {
        Map<String, MatchedNotice> latest = new LinkedHashMap<>();
        for (MatchedNotice m : records) {
            if (m.notice().publishedAt().isAfter(day)) {
                break;
            }
            latest.put(m.notice().noticeId(), m);
        }
        return List.copyOf(latest.values());
    }

    /** The state of one notice on {@code day}, empty before its first record. */
    public Optional<MatchedNotice> stateOn(String noticeId, LocalDate day) {
        return statesOn(day).stream().filter(m -> m.notice().noticeId().equals(noticeId)).findFirst();
    }

    /** The notices whose state on {@code day} is RISK or SHORTAGE and concerns the device. */
    public List<MatchedNotice> atRisk(String deviceId, LocalDate day) {
        return statesOn(day).stream().filter(m -> m.notice().status().atRisk() && m.match().concerns(deviceId)).toList();
    }

    /**
     * What the notices in force on {@code day} say of the device's supply, for the projection
     * ({@link fr.vigie.domain.forecast.NoticePressure}), or null when none is at risk.
     */
    public NoticePressure pressure(String deviceId, LocalDate day) {
        // a notice announcing an interruption to come weighs from the day it expects it, not earlier
        List<MatchedNotice> atRisk = atRisk(deviceId, day).stream()
                .filter(m -> m.notice().expectedStart() == null || !m.notice().expectedStart().isAfter(day)).toList();
        if (atRisk.isEmpty()) {
            return null;
        }
        return new NoticePressure(atRisk.stream().map(m -> m.notice().noticeId()).sorted().toList(),
                atRisk.stream().map(m -> new NoticePressure.Cut(m.notice().kind(),
                        m.notice().expectedStart() != null ? m.notice().expectedStart() : firstPublished(m.notice().noticeId()),
                        m.notice().expectedDelayDays(), m.notice().allocationFraction())).toList());
    }

    private LocalDate firstPublished(String noticeId) {
        return records.stream().filter(m -> m.notice().noticeId().equals(noticeId)).findFirst().orElseThrow().notice().publishedAt();
    }

    /** The record before {@code record} of the same notice, empty for its first publication. */
    public Optional<MatchedNotice> previous(MatchedNotice record) {
        MatchedNotice before = null;
        for (MatchedNotice m : records) {
            if (m.equals(record)) {
                return Optional.ofNullable(before);
            }
            if (m.notice().noticeId().equals(record.notice().noticeId())) {
                before = m;
            }
        }
        return Optional.ofNullable(before);
    }

    /** A book with these records added (a record already known is kept once). */
    public NoticeBook with(List<MatchedNotice> more) {
        List<MatchedNotice> all = new ArrayList<>(records);
        more.stream().filter(m -> records.stream().noneMatch(r -> r.notice().recordKey().equals(m.notice().recordKey())))
                .forEach(all::add);
        return new NoticeBook(all);
    }
}
