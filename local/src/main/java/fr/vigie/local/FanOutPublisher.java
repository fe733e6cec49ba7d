package fr.vigie.local;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertPublisher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Sends each event to every local destination (file, console, SNS) and keeps what was sent for the summary. */
final class FanOutPublisher implements AlertPublisher {

    private final List<AlertPublisher> destinations;
    private final Map<AlertLevel, Long> byLevel = new EnumMap<>(AlertLevel.class);
    private final List<AlertEvent> sent = new ArrayList<>();
    private final List<SupplyDisruptionEvent> disruptions = new ArrayList<>();

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
