package fr.vigie.app;

import java.time.Instant;
import java.util.Collection;

/**
 * The silence check (issue 22) as the scheduled function and {@code ./vigie replay} run it: what is
 * silent at a time ({@link SilenceWatch#check}, recorded pending, once per silence) sent at once by the
 * outbox dispatcher; an SNS failure leaves the events pending for the dispatcher's retries. The open
 * alerts of silent series stay open and are reminded when due, saying since when nothing came.
 * Idempotent: run again at the same time (a retried schedule) or concurrently, it records and sends
 * nothing more.
 */
public final class SilenceCheck {

    /** What a check sent of the events it recorded, and how many open alerts of silent series it reminded. */
    public record Report(AlertDispatch.Report sent, int reminded) {
    }

    private final SilenceWatch watch;
    private final AlertDispatch dispatch;
    private final AlertReminders reminders;

    /** @param reminders the open alerts of silent series reminded when due ({@link AlertReminders#considerSilent}) */
    public SilenceCheck(SilenceWatch watch, AlertDispatch dispatch, AlertReminders reminders) {
        this.watch = watch;
        this.dispatch = dispatch;
        this.reminders = reminders;
    }

    /** @param now the check's time: the schedule's time in the cloud, the batch's snapshot time in a replay */
    public Report run(Instant now, Collection<String> facilityIds) {
        SilenceWatch.Checked checked = watch.check(now, facilityIds);
        AlertDispatch.Report sent = dispatch.send(checked.recorded());
        int reminded = 0;
        for (SilenceWatch.Silent s : checked.silent()) {
            if (reminders.considerSilent(s.series(), now, s.lastSeen())) {
                reminded++;
            }
        }
        return new Report(sent, reminded);
    }
}
