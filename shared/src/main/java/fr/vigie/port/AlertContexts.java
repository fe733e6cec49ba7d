package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.followup.AlertContext;

/**
 * What the channels add to an alert's figures so that its texts help (issue 22): names, region,
 * acknowledgement link, regional contact, and a CRITICAL's neighbours and alternatives.
 */
public interface AlertContexts {

    /** The context of {@code event} about {@code device}. */
    AlertContext of(AlertEvent event, WatchlistEntry device);

    /** The device's name on the watch-list, its id when the watch-list does not know it. */
    String deviceName(String deviceId);

    /** The facility's name in the registry, its id when the registry does not name it. */
    String facilityName(String facilityId);

    /** Nothing but the ids: what channels without a registry say. */
    static AlertContexts bare() {
        return new AlertContexts() {
            @Override
            public AlertContext of(AlertEvent event, WatchlistEntry device) {
                return AlertContext.bare(event.facilityId());
            }

            @Override
            public String deviceName(String deviceId) {
                return deviceId;
            }

            @Override
            public String facilityName(String facilityId) {
                return facilityId;
            }
        };
    }
}
