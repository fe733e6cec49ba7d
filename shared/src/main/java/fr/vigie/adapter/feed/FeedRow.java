package fr.vigie.adapter.feed;

import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.Snapshot;

/** One parsed line of a feed: a snapshot, or the reason it was refused. */
public sealed interface FeedRow {

    long line();

    record Accepted(long line, Snapshot snapshot) implements FeedRow {
    }

    record Rejected(RejectedRow rejection) implements FeedRow {
        @Override
        public long line() {
            return rejection.line();
        }
    }
}
