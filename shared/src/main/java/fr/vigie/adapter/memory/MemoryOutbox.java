package fr.vigie.adapter.memory;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.OutgoingEvent;
import fr.vigie.port.AlertOutbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outbox of {@link MemoryAlertStore} and {@link MemoryDisruptionStore} when they stand alone (the
 * backtest and the sample-season tests): the events they record, pending in the order recorded, with
 * the same claim rule as the DynamoDB outbox for a single process.
 */
public final class MemoryOutbox implements AlertOutbox {

    private final Map<OutgoingEvent, Pending> pending = new LinkedHashMap<>();

    synchronized void add(OutgoingEvent event) {
        pending.put(event, new Pending(event, false, 0, null));
    }

    @Override
    public synchronized List<Pending> pending() {
        return new ArrayList<>(pending.values());
    }

    @Override
    public synchronized boolean claim(Pending seen, Instant until, boolean attempt) {
        Pending now = pending.get(seen.event());
        if (now == null || !Objects.equals(now.retryAfter(), seen.retryAfter())) {
            return false;
        }
        pending.put(seen.event(), new Pending(seen.event(), now.emailSent(), now.attempts() + (attempt ? 1 : 0), until));
        return true;
    }

    @Override
    public synchronized void markEmailed(AlertEvent event) {
        pending.computeIfPresent(event, (e, p) -> new Pending(e, true, p.attempts(), p.retryAfter()));
    }

    @Override
    public synchronized void markPublished(OutgoingEvent event) {
        pending.remove(event);
    }
}
