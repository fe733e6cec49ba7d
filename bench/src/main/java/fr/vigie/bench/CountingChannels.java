package fr.vigie.bench;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.port.AlertChannels;

import java.time.Instant;
import java.util.List;

/** Stands where SNS would: counts what would be sent, sends nothing. */
final class CountingChannels implements AlertChannels {
    long alerts;
    long disruptions;

    @Override
    public void alert(Notice notice, boolean withEmail) {
        alerts++;
    }

    @Override
    public void digest(List<Notice> notices) {
        // the digest's alerts are counted one by one
    }

    @Override
    public void reminder(Notice open, Instant now) {
        // not an alert
    }

    @Override
    public void national(SupplyDisruptionEvent event) {
        disruptions++;
    }
}
