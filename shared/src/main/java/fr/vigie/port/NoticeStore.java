package fr.vigie.port;

import fr.vigie.domain.Season;
import fr.vigie.domain.notice.MatchedNotice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Where manufacturers' notice records are kept, each once, with who brought them (the registry's audit trail). */
public interface NoticeStore {

    /** Who brought a record: an operator's subject, or a file or replay; {@code via} names the route. */
    record Author(String by, String via, Instant at) {
    }

    /**
     * Stores a record with its match, once per (noticeId, status, publishedAt), and its audit entry
     * in the same write. Returns false when that record was already stored (nothing written).
     */
    boolean store(MatchedNotice record, Author author);

    /** The records published from {@code from} to {@code to} included, in publication order. */
    List<MatchedNotice> published(LocalDate from, LocalDate to);

    /** The notices of a season (1 September to 31 August): what the RETEX and "where tension is" list. */
    default List<MatchedNotice> season(Season season) {
        return published(season.firstDay(), season.lastDay());
    }
}
