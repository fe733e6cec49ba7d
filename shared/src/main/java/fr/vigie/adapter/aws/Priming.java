package fr.vigie.adapter.aws;

import fr.vigie.adapter.feed.Json;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming (issue 18): before Lambda snapshots a function's initialised container
 * ({@code SnapStart: ApplyOn: PublishedVersions} in template.yaml), a CRaC {@code beforeCheckpoint}
 * hook runs what the first invocation would otherwise pay for: one real DynamoDB read (the SDK's
 * request pipeline, signer, HTTP client and JSON protocol loaded and run), a Jackson round trip of
 * stored-state JSON, and one log line through the structured logger. The snapshot then holds those
 * classes loaded and their code warm. A failed read (no network at checkpoint, a missing table) is
 * logged and never fails the checkpoint.
 */
public final class Priming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** CRaC holds its resources weakly: these keep them for the container's life. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final Runnable read;

    private Priming(Runnable read) {
        this.read = read;
    }

    /** Registers {@code read} (a representative DynamoDB call of the function) to run before the checkpoint. */
    public static void register(Runnable read) {
        Priming priming = new Priming(read);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: SDK clients resolve credentials and connections per request
    }

    /** The priming itself; public so that a runner without CRaC can call it. Returns the time taken, ms. */
    public long prime() {
        long start = System.nanoTime();
        try {
            read.run();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("cause", e.toString()).log("priming_read_failed");
        }
        Map<?, ?> back = Json.read(Json.write(Map.of("facilityId", "PRIMING", "at", Instant.EPOCH, "onHand", 1)), Map.class);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.atInfo().addKeyValue("millis", millis).addKeyValue("fields", back.size()).log("primed");
        return millis;
    }
}
