package fr.vigie.port;

import fr.vigie.domain.Season;
import fr.vigie.domain.retex.SeasonNotice;

import java.util.List;

/**
 * The manufacturers' notices of a season, already matched to the watch-list (the notices' own
 * matching, spec section 5), for the RETEX's next-season list. Hook for the notices work: until it
 * is wired, {@link #NONE}.
 */
@FunctionalInterface
public interface SeasonNotices {

    SeasonNotices NONE = season -> List.of();

    /** The season's notices, one per notice id, oldest first. */
    List<SeasonNotice> notices(Season season);
}
