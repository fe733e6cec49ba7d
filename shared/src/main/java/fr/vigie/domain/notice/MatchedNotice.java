package fr.vigie.domain.notice;

/** A notice record with the watch-list entries it matched when it was received. */
public record MatchedNotice(SupplyNotice notice, NoticeMatch match) {
}
