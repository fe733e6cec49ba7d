package fr.vigie.port;

import fr.vigie.domain.Season;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeRevision;

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
     * What one {@link #store} did: {@code fresh} when the record was written now; {@code revision} when it
     * replaced another record under its key (else null); neither: the same record was already there.
     */
    record Stored(boolean fresh, NoticeRevision revision) {
        public static final Stored NEW = new Stored(true, null);
        public static final Stored REPEATED = new Stored(false, null);

        /** The key already held {@code former} when {@code offered} came: a repeat, or a revision to write. */
        public static Stored against(MatchedNotice former, MatchedNotice offered) {
            NoticeRevision revision = NoticeRevision.between(former, offered);
            return revision == null ? REPEATED : new Stored(true, revision);
        }
    }

    /**
     * Stores a record with its match, once per (noticeId, status, publishedAt), and its audit entry in the
     * same write. The same record again writes nothing; another record under a stored key replaces it, the
     * latest publication being the notice's state (spec section 5), each version kept in the audit.
     */
    Stored store(MatchedNotice record, Author author);

    /** The records published from {@code from} to {@code to} included, in publication order. */
    List<MatchedNotice> published(LocalDate from, LocalDate to);

    /** The notices of a season (1 September to 31 August): what the RETEX and "where tension is" list. */
    default List<MatchedNotice> season(Season season) {
        return published(season.firstDay(), season.lastDay());
    }
}
