package fr.vigie.local;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertPublisher;

import java.io.PrintStream;

/** Without an SNS endpoint, alerts go to the console with the SMS text SNS would carry. */
final class ConsolePublisher implements AlertPublisher {

    private final PrintStream out;

    ConsolePublisher(PrintStream out) {
        this.out = out;
    }

    @Override
    public void publish(AlertEvent event, WatchlistEntry device) {
        out.println("  [SMS] " + AlertTexts.sms(event));
    }

    @Override
    public void publish(SupplyDisruptionEvent event) {
        out.println("  [OPÉRATEURS] tension nationale " + event.deviceId() + " " + event.status() + " : "
                + event.facilities().size() + " établissements (" + String.join(", ", event.facilities()) + ")");
    }
}
