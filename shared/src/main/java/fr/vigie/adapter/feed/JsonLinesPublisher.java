package fr.vigie.adapter.feed;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertPublisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes alert events as JSON Lines: the {@code --alerts} output of {@code ./vigie replay}. */
public final class JsonLinesPublisher implements AlertPublisher {

    private final Writer out;

    public JsonLinesPublisher(Writer out) {
        this.out = out;
    }

    @Override
    public void publish(AlertEvent event, WatchlistEntry device) {
        line(AlertEventJson.write(event));
    }

    @Override
    public void publish(SupplyDisruptionEvent event) {
        line(AlertEventJson.write(event));
    }

    private void line(String json) {
        try {
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
