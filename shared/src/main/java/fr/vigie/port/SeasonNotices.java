package fr.vigie.port;

import fr.vigie.domain.Season;
import fr.vigie.domain.retex.SeasonNotice;

import fr.vigie.domain.notice.MatchedNotice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manufacturers' notices of a season, already matched to the watch-list (the notices' own
 * matching, spec section 5), for the RETEX's next-season list; {@link #NONE} where no notice store
 * is kept.
 */
@FunctionalInterface
public interface SeasonNotices {

    SeasonNotices NONE = season -> List.of();

    /** The season's notices, one per notice id, oldest first. */
    List<SeasonNotice> notices(Season season);

    /**
     * The notices {@code store} holds for a season: each notice dated by its first publication, with
     * the status and the devices of its latest record (a notice's updates revise both).
     */
    static SeasonNotices of(NoticeStore store) {
        return season -> {
            Map<String, SeasonNotice> byId = new LinkedHashMap<>();
            for (MatchedNotice m : store.season(season)) {
                SeasonNotice first = byId.get(m.notice().noticeId());
                byId.put(m.notice().noticeId(), new SeasonNotice(m.notice().noticeId(),
                        first == null ? m.notice().publishedAt() : first.publishedAt(), m.notice().status().name(),
                        m.notice().references(), m.match().deviceIds()));
            }
            return List.copyOf(byId.values());
        };
    }
}
