package fr.vigie.adapter.feed;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;
import fr.vigie.port.AlertPublisher;
import fr.vigie.port.NoticePublisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes alert events as JSON Lines: the {@code --alerts} output of {@code ./vigie replay}, with the
 * operators' national events (disruptions, notices) among them.
 */
public final class JsonLinesPublisher implements AlertPublisher, NoticePublisher {

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

    @Override
    public void publish(SupplyNoticeEvent event) {
        line(NoticeJson.write(event));
    }

    /** The file holds the operators' events only (spec section 5); a hospital's message goes to its subscriptions. */
    @Override
    public void tellFacility(String facilityId, WatchlistEntry device, MatchedNotice record) {
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
