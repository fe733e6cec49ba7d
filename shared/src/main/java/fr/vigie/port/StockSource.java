package fr.vigie.port;

import fr.vigie.domain.Facility;

import java.io.IOException;

/** Reads a facility's current stock report (the spec's JSON shape) from its source. */
public interface StockSource {

    /** The report's body; throws when the source is unreachable, too slow or answers an error. */
    String fetch(Facility facility) throws IOException;
}
