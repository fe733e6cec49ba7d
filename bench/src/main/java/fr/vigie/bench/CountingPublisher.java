package fr.vigie.bench;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertPublisher;

/** Stands where SNS would: counts what would be published, sends nothing. */
final class CountingPublisher implements AlertPublisher {
    long alerts;
    long disruptions;

    @Override
    public void publish(AlertEvent event, WatchlistEntry device) {
        alerts++;
    }

    @Override
    public void publish(SupplyDisruptionEvent event) {
        disruptions++;
    }
}
