package fr.vigie.domain;

import java.time.Instant;

/**
 * An event Vigie records and then sends: a facility's change of alert level ({@link AlertEvent}) or
 * a national supply disruption for operators ({@link SupplyDisruptionEvent}). Both are written to
 * the outbox pending when they are recorded (and so is a facility that stopped reporting,
 * {@link StaleDataEvent}, and a notice's message recorded where it cannot be sent, {@link NoticeMessage}),
 * and leave it only once sent (spec section 3).
 */
public sealed interface OutgoingEvent permits AlertEvent, SupplyDisruptionEvent,
        StaleDataEvent, NoticeMessage {

    /** The timestamp of the snapshot that caused the event, never the wall clock. */
    Instant at();
}
