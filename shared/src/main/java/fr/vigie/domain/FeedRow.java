package fr.vigie.domain;

/**
 * One parsed line of a feed or item of a report: a snapshot, or the reason it was refused. The
 * adapters decode a format into it; the use cases take it from there without knowing the format.
 */
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
