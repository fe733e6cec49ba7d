package fr.vigie.fn.poller;

import java.util.List;

/**
 * One poll-queue message: the facilities a worker polls. {@code pollId} (the scheduled run's time)
 * ties the worker's logs to the run that asked.
 */
public record PollRequest(String pollId, List<String> facilityIds) {
    public PollRequest {
        facilityIds = facilityIds == null ? List.of() : List.copyOf(facilityIds);
    }
}
