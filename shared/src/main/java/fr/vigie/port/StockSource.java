package fr.vigie.port;

import fr.vigie.domain.Facility;
import fr.vigie.domain.FeedRow;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/** Reads a facility's current stock report from its source, decoded by the adapter. */
public interface StockSource {

    /**
     * The report's items, each a snapshot or its refusal with the item's position (a body that is
     * not a report at all: one {@code INVALID_JSON} refusal at position 0); throws when the source is
     * unreachable, too slow or answers an error.
     *
     * @param knownDevice whether a device id is on the watch-list
     */
    List<FeedRow> fetch(Facility facility, Predicate<String> knownDevice) throws IOException;
}
