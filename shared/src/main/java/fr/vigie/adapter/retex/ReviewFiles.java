package fr.vigie.adapter.retex;

import com.fasterxml.jackson.databind.node.ArrayNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.SeasonOverview;
import fr.vigie.port.ExportFiles;
import fr.vigie.port.ReviewOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The review as files (docs/retex.md): each table a {@link CsvTable} named {@code name}, the report
 * {@code report.html} ({@link ReportPage}), a watch-list as the spec's JSON, written where {@link ExportFiles} says (a folder for
 * {@code ./vigie retex}, an S3 prefix for the retex-export function).
 */
public final class ReviewFiles implements ReviewOutput {

    public static final String REPORT = "report.html";

    private final ExportFiles files;

    public ReviewFiles(ExportFiles files) {
        this.files = files;
    }

    @Override
    public Table table(String name, String... columns) throws IOException {
        return new CsvTable(files.create(name), columns);
    }

    /** The spec's JSON array, indented, UTF-8: what {@code ./vigie watchlist import} and the watch-list API read. */
    @Override
    public void watchlist(String name, List<WatchlistEntry> entries) throws IOException {
        ArrayNode list = Json.MAPPER.createArrayNode();
        entries.forEach(e -> list.add(WatchlistJson.toJson(e)));
        try (OutputStream file = files.create(name)) {
            file.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(list));
        }
    }

    @Override
    public void report(SeasonOverview overview) throws IOException {
        try (OutputStream page = files.create(REPORT)) {
            ReportPage.write(overview, page);
        }
    }
}
