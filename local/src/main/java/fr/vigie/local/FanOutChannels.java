package fr.vigie.local;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;
import fr.vigie.port.AlertChannels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A local run's channels: every message to each destination (the JSON Lines file, SNS when
 * configured), and what went out kept for the console's summary and table. A message counts as sent
 * once every destination took it.
 */
final class FanOutChannels implements AlertChannels {

    private final List<AlertChannels> destinations;
    private final Map<AlertLevel, Long> byLevel = new EnumMap<>(AlertLevel.class);
    private final List<AlertEvent> sent = new ArrayList<>();
    private final List<SupplyDisruptionEvent> disruptions = new ArrayList<>();
    private final List<SupplyNoticeEvent> notices = new ArrayList<>();
    private final List<StaleDataEvent> silences = new ArrayList<>();
    private long facilityNoticeMessages;
    private int digests;
    private int reminders;

    FanOutChannels(List<AlertChannels> destinations) {
        this.destinations = List.copyOf(destinations);
    }

    @Override
    public void alert(Notice notice, boolean withEmail) {
        destinations.forEach(d -> d.alert(notice, withEmail));
        byLevel.merge(notice.event().level(), 1L, Long::sum);
        sent.add(notice.event());
    }

    @Override
    public void digest(List<Notice> notices) {
        destinations.forEach(d -> d.digest(notices));
        digests++;
    }

    @Override
    public void reminder(Notice open, Instant now) {
        destinations.forEach(d -> d.reminder(open, now));
        reminders++;
    }

    @Override
    public void silentReminder(Notice open, Instant now, Instant lastSeen) {
        destinations.forEach(d -> d.silentReminder(open, now, lastSeen));
        reminders++;
    }

    @Override
    public void national(SupplyDisruptionEvent event) {
        destinations.forEach(d -> d.national(event));
        disruptions.add(event);
    }

    @Override
    public void supplyNotice(SupplyNoticeEvent event) {
        destinations.forEach(d -> d.supplyNotice(event));
        notices.add(event);
    }

    @Override
    public void staleData(StaleDataEvent event, WatchlistEntry device) {
        destinations.forEach(d -> d.staleData(event, device));
        silences.add(event);
    }

    @Override
    public void facilityNotice(String facilityId, WatchlistEntry device, MatchedNotice record) {
        destinations.forEach(d -> d.facilityNotice(facilityId, device, record));
        facilityNoticeMessages++;
    }

    List<SupplyNoticeEvent> notices() {
        return notices;
    }

    long facilityNoticeMessages() {
        return facilityNoticeMessages;
    }

    Map<AlertLevel, Long> byLevel() {
        return byLevel;
    }

    List<AlertEvent> sent() {
        return sent;
    }

    List<SupplyDisruptionEvent> disruptions() {
        return disruptions;
    }

    /** The STALE_DATA events sent, in order. */
    List<StaleDataEvent> silences() {
        return silences;
    }

    int digests() {
        return digests;
    }

    int reminders() {
        return reminders;
    }
}
