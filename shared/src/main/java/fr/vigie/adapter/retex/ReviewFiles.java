package fr.vigie.adapter.retex;

import fr.vigie.domain.retex.SeasonOverview;
import fr.vigie.port.ExportFiles;
import fr.vigie.port.ReviewOutput;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The review as files (docs/retex.md): each table a {@link CsvTable} named {@code name}, the report
 * {@code report.html} ({@link ReportPage}), written where {@link ExportFiles} says (a folder for
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

    @Override
    public void report(SeasonOverview overview) throws IOException {
        try (OutputStream page = files.create(REPORT)) {
            ReportPage.write(overview, page);
        }
    }
}
