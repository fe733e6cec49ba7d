package fr.vigie.adapter.feed;

import fr.vigie.port.AlertChannels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The events as JSON Lines, one spec event a line (facility alerts, national disruptions, supply notices, silences): the
 * {@code --alerts} output of {@code ./vigie replay}. Digests and reminders are not alert events
 * (spec section 3), nor is a hospital's notice message: they leave no line.
 */
public final class JsonLinesChannels {

    private JsonLinesChannels() {
    }

    /** Channels writing each event to {@code out}; a write failure is thrown, so the event stays pending. */
    public static AlertChannels to(Writer out) {
        return AlertChannels.eventsOnly(e -> line(out, AlertEventJson.write(e)), d -> line(out, AlertEventJson.write(d)),
                n -> line(out, NoticeJson.write(n)), s -> line(out, StaleDataJson.write(s)));
    }

    private static void line(Writer out, String json) {
        try {
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
