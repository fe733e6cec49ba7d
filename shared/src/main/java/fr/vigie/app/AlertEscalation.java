package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.followup.EscalationRule;
import fr.vigie.domain.followup.EscalationTier;
import fr.vigie.port.Acknowledgements;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.AlertLog;
import fr.vigie.port.EscalationChannel;
import fr.vigie.port.Escalations;
import fr.vigie.port.Watchlist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Escalates the CRITICALs nobody acknowledged (issue 22), run on a schedule: for each open CRITICAL,
 * the tier {@link EscalationRule} says is due (the region's operators after the entry's delay, 12 h
 * by default; the national operators 24 h later) is claimed by a conditional write
 * ({@link Escalations}) and only then sent ({@link EscalationChannel}). A claim lost to another run
 * sends nothing, so two concurrent or retried runs escalate once; a send that fails releases the
 * claim for the next run. One tier per alert and run: a CRITICAL found late reaches the nation at
 * the run after its regional escalation.
 */
public final class AlertEscalation {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEscalation.class);

    /** What a run did: open CRITICALs looked at, escalations sent, claims lost to another run, sends that failed. */
    public record Report(int critical, int escalated, int alreadyClaimed, int failed) {
    }

    private final AlertLog alerts;
    private final Acknowledgements acknowledgements;
    private final Escalations escalations;
    private final EscalationChannel channel;
    private final Watchlist watchlist;
    private final EscalationRule rule;

    public AlertEscalation(AlertLog alerts, Acknowledgements acknowledgements, Escalations escalations,
                           EscalationChannel channel, Watchlist watchlist, EscalationRule rule) {
        this.alerts = alerts;
        this.acknowledgements = acknowledgements;
        this.escalations = escalations;
        this.channel = channel;
        this.watchlist = watchlist;
        this.rule = rule;
    }

    /** @param now the wall clock in the function; delays count from the snapshot that opened the CRITICAL */
    public Report run(Instant now) {
        int critical = 0;
        int escalated = 0;
        int lost = 0;
        int failed = 0;
        for (OpenAlert open : alerts.open()) {
            if (open.level() != AlertLevel.CRITICAL) {
                continue;
            }
            critical++;
            Optional<AlertEvent> last = alerts.lastEvent(new SeriesKey(open.facilityId(), open.deviceId()))
                    .filter(e -> e.level() == AlertLevel.CRITICAL);
            Optional<WatchlistEntry> device = watchlist.entry(open.deviceId());
            if (last.isEmpty() || device.isEmpty()) {
                continue;
            }
            AlertEvent alert = last.get();
            EscalationTier reached = escalations.reached(alert.alertId());
            Optional<EscalationTier> due = rule.withRegionalHours(device.get().followUp().escalationHours())
                    .due(alert.at(), false, reached, now);
            // the acknowledgement is read only when a tier is due: most runs find nothing due
            if (due.isEmpty() || acknowledgements.of(alert.alertId()).isPresent()) {
                continue;
            }
            if (!escalations.claim(alert.alertId(), reached, due.get(), now)) {
                lost++;
                continue;
            }
            try {
                channel.escalate(new AlertChannels.Notice(alert, device.get()), due.get(), Duration.between(alert.at(), now));
                escalated++;
                LOG.atInfo().addKeyValue("alertId", alert.alertId()).addKeyValue("facilityId", alert.facilityId())
                        .addKeyValue("deviceId", alert.deviceId()).addKeyValue("tier", due.get()).log("alert_escalated");
            } catch (RuntimeException e) {
                failed++;
                LOG.atWarn().addKeyValue("alertId", alert.alertId()).addKeyValue("facilityId", alert.facilityId())
                        .addKeyValue("deviceId", alert.deviceId()).addKeyValue("tier", due.get()).addKeyValue("cause", e.toString())
                        .log("alert_escalation_failed");
                escalations.release(alert.alertId(), due.get(), reached);
            }
        }
        return new Report(critical, escalated, lost, failed);
    }
}
