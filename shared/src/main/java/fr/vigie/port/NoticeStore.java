package fr.vigie.port;

import fr.vigie.domain.Season;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeConflict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Where manufacturers' notice records are kept, each once, with who brought them (the registry's audit trail). */
public interface NoticeStore {

    /**
     * Who brought a record: an operator's subject, or a file or replay; {@code via} names the route;
     * {@code at} when it came, the intake's clock (a record published after it is refused).
     */
    record Author(String by, String via, Instant at) {
    }

    /**
     * What one {@link #store} did: {@code fresh} when the record was written now; otherwise its key
     * already held a record, the same one (a repeat: {@code conflict} null) or another one (a
     * {@link NoticeConflict}: the stored record stays, the offered one is refused).
     */
    record Stored(boolean fresh, NoticeConflict conflict) {
        public static final Stored NEW = new Stored(true, null);
        public static final Stored REPEATED = new Stored(false, null);

        /** The key already held {@code kept} when {@code offered} came: a repeat or a conflict. */
        public static Stored against(MatchedNotice kept, MatchedNotice offered) {
            NoticeConflict conflict = NoticeConflict.between(kept, offered);
            return conflict == null ? REPEATED : new Stored(false, conflict);
        }
    }

    /**
     * Stores a record with its match, once per (noticeId, status, publishedAt), and its audit entry
     * in the same write. A key that already holds a record is never written over (nothing written):
     * the answer says whether it held the same record or another one.
     */
    Stored store(MatchedNotice record, Author author);

    /** The records published from {@code from} to {@code to} included, in publication order. */
    List<MatchedNotice> published(LocalDate from, LocalDate to);

    /** The notices of a season (1 September to 31 August): what the RETEX and "where tension is" list. */
    default List<MatchedNotice> season(Season season) {
        return published(season.firstDay(), season.lastDay());
    }
}
