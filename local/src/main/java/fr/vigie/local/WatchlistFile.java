package fr.vigie.local;

import fr.vigie.adapter.feed.DocumentKind;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.Violation;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a watch-list file; a missing, non-UTF-8 ({@link LocalFiles#readText}) or invalid one is a usage error naming each entry and field. */
final class WatchlistFile {

    private WatchlistFile() {
    }

    static List<WatchlistEntry> read(Path file) throws UsageException {
        return check(file.toString(), WatchlistJson.parseList(LocalFiles.readText(file, "liste surveillée", Long.MAX_VALUE, DocumentKind.Expected.JSON)));
    }

    static List<WatchlistEntry> check(String source, WatchlistValidator.Result result) throws UsageException {
        if (!result.valid()) {
            throw new UsageException("liste surveillée invalide (" + source + ") : " + result.violations().stream()
                    .map(Violation::toString).collect(Collectors.joining(" ; ")));
        }
        return result.entries();
    }
}
