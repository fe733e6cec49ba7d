package fr.vigie.local;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;
import fr.vigie.port.AlertPublisher;
import fr.vigie.port.NoticePublisher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Sends each event to every local destination (file, console, SNS) and keeps what was sent for the summary. */
final class FanOutPublisher implements AlertPublisher, NoticePublisher {

    private final List<AlertPublisher> destinations;
    private final Map<AlertLevel, Long> byLevel = new EnumMap<>(AlertLevel.class);
    private final List<AlertEvent> sent = new ArrayList<>();
    private final List<SupplyDisruptionEvent> disruptions = new ArrayList<>();
    private final List<SupplyNoticeEvent> notices = new ArrayList<>();
    private long facilityNoticeMessages;

    FanOutPublisher(List<AlertPublisher> destinations) {
        this.destinations = List.copyOf(destinations);
    }

    @Override
    public void publish(AlertEvent event, WatchlistEntry device) {
        destinations.forEach(d -> d.publish(event, device));
        byLevel.merge(event.level(), 1L, Long::sum);
        sent.add(event);
    }

    @Override
    public void publish(SupplyDisruptionEvent event) {
        destinations.forEach(d -> d.publish(event));
        disruptions.add(event);
    }

    @Override
    public void publish(SupplyNoticeEvent event) {
        destinations.stream().filter(NoticePublisher.class::isInstance).forEach(d -> ((NoticePublisher) d).publish(event));
        notices.add(event);
    }

    @Override
    public void tellFacility(String facilityId, WatchlistEntry device, MatchedNotice record) {
        destinations.stream().filter(NoticePublisher.class::isInstance)
                .forEach(d -> ((NoticePublisher) d).tellFacility(facilityId, device, record));
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
}
