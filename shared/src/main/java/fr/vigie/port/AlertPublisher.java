package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;

/** Sends alert events to the people subscribed to them (SNS in the cloud, the console locally). */
public interface AlertPublisher {

    /** Sends one facility alert; throws when it could not be sent, so that it stays pending. */
    void publish(AlertEvent event, WatchlistEntry device);

    void publish(SupplyDisruptionEvent event);
}
