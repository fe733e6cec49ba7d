package fr.vigie.port;

import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.SeasonOverview;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where the season's review (docs/retex.md) goes: tables written row by row as the series stream
 * through, and the report drawn from the overview at the end. The adapter chooses the formats (CSV
 * for a French spreadsheet, one HTML page) and the place (a local folder, an S3 prefix).
 */
public interface ReviewOutput {

    /** A new table {@code name} with its header; complete when closed. */
    Table table(String name, String... columns) throws IOException;

    /** The season's report page. */
    void report(SeasonOverview overview) throws IOException;

    /** A watch-list as the operators import it (spec section 1), named {@code name}. */
    void watchlist(String name, List<WatchlistEntry> entries) throws IOException;

    /** One table being written. */
    interface Table extends Closeable {

        /**
         * One row, one cell per column: numbers, text, dates and instants, optional numbers,
         * collections of those, or null for an empty cell.
         *
         * @throws IllegalArgumentException when the cells do not match the columns
         */
        void row(Object... cells) throws IOException;
    }
}
