package fr.vigie.domain.retex;

import fr.vigie.domain.SupplierReference;

import java.time.LocalDate;
import java.util.List;

/**
 * A manufacturer's supply-interruption notice of the season (spec section 5) as the RETEX uses it:
 * its first publication, its last status, the references it names and the watch-list devices it
 * matched (empty when it matched none: a reference the list lacks).
 */
public record SeasonNotice(String noticeId, LocalDate publishedAt, String status, List<SupplierReference> references,
                           List<String> deviceIds) {

    public SeasonNotice {
        references = List.copyOf(references);
        deviceIds = List.copyOf(deviceIds);
    }
}
