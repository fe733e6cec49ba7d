package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.notice.NoticeLead;
import fr.vigie.port.NoticeStore;
import fr.vigie.port.SeasonArchive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The notices of a season beside the facilities' signals ({@link NoticeLead}), for "where tension
 * is" ({@code GET /tension}, {@code ./vigie tension}) and the RETEX. A device's first signal is the
 * earliest of its national disruption events' first facility signal and its facilities' first alert
 * giving an overdue or short delivery as a reason: read from the events, never from the snapshots.
 */
public final class NoticeLeads {

    private final NoticeStore notices;
    private final SeasonArchive archive;

    public NoticeLeads(NoticeStore notices, SeasonArchive archive) {
        this.notices = notices;
        this.archive = archive;
    }

    public List<NoticeLead> season(Season season) {
        List<Facility> facilities = archive.facilities();
        return NoticeLead.of(notices.season(season), device -> firstSignal(device, facilities, season.from(), season.to()));
    }

    private Optional<Instant> firstSignal(String deviceId, List<Facility> facilities, Instant from, Instant to) {
        Stream<Instant> national = archive.disruptionEvents(deviceId, from, to).stream().map(SupplyDisruptionEvent::firstSeen);
        Stream<Instant> local = facilities.stream()
                .flatMap(f -> archive.alertEvents(new SeriesKey(f.facilityId(), deviceId), from, to).stream())
                .filter(e -> e.reasons().contains(Reason.DELIVERY_OVERDUE) || e.reasons().contains(Reason.SHORT_DELIVERY))
                .map(AlertEvent::at);
        return Stream.concat(national, local).min(Instant::compareTo);
    }
}
