package fr.vigie.adapter.feed;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.port.AlertChannels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes the events as JSON Lines, one spec event a line (facility alerts and national disruptions):
 * the {@code --alerts} output of {@code ./vigie replay}. Digests and reminders are not alert events
 * (spec section 3): they leave no line.
 */
public final class JsonLinesChannels implements AlertChannels {

    private final Writer out;

    public JsonLinesChannels(Writer out) {
        this.out = out;
    }

    @Override
    public void alert(Notice notice, boolean withEmail) {
        line(AlertEventJson.write(notice.event()));
    }

    @Override
    public void digest(List<Notice> notices) {
        // the digest's alerts each have their own line
    }

    @Override
    public void reminder(Notice open, Instant now) {
        // not an alert event
    }

    @Override
    public void national(SupplyDisruptionEvent event) {
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
