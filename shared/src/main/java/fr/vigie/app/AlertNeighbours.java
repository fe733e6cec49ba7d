package fr.vigie.app;

import fr.vigie.domain.Caller;
import fr.vigie.domain.followup.Neighbours;
import fr.vigie.port.AlertLog;
import fr.vigie.port.FacilityDirectory;

import java.util.List;

/**
 * The console's "who could lend" for one alert (issue 22): the neighbours {@link AlertHelp} finds
 * for a CRITICAL, shown only to those who may follow the alert ({@link AlertAccess}: its hospital,
 * its region's operators, national operators). Empty for a WARNING or a closed alert. Refusals:
 * NOT_FOUND an id that names no recorded event, FORBIDDEN anyone else.
 */
public final class AlertNeighbours {

    private final AlertAccess access;
    private final AlertHelp help;

    public AlertNeighbours(AlertLog alerts, FacilityDirectory facilities, AlertHelp help) {
        this.access = new AlertAccess(alerts, facilities);
        this.help = help;
    }

    public List<Neighbours.Candidate> of(Caller caller, String alertId) {
        AlertAccess.Followed alert = access.follow(caller, alertId);
        return alert.open() ? help.neighbours(alert.event()) : List.of();
    }
}
