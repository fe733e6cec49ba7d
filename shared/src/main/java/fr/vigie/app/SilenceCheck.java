package fr.vigie.app;

import fr.vigie.domain.OutgoingEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The silence check (issue 22) as the scheduled function and {@code ./vigie replay} run it: what is
 * silent at a time ({@link SilenceWatch#check}, recorded pending, once per silence) sent at once by the
 * outbox dispatcher; an SNS failure leaves the events pending for the dispatcher's retries.
 * Idempotent: run again at the same time (a retried schedule) or concurrently, it records and sends
 * nothing more.
 */
public final class SilenceCheck {

    private final SilenceWatch watch;
    private final AlertDispatch dispatch;

    public SilenceCheck(SilenceWatch watch, AlertDispatch dispatch) {
        this.watch = watch;
        this.dispatch = dispatch;
    }

    /** @param now the check's time: the schedule's time in the cloud, the batch's snapshot time in a replay */
    public AlertDispatch.Report run(Instant now, Collection<String> facilityIds) {
        List<OutgoingEvent> recorded = watch.check(now, facilityIds);
        return dispatch.send(recorded);
    }
}
