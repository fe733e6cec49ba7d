package fr.vigie.domain;

import java.time.Instant;

/** A facility/device whose alert is open now, at which level and since when. */
public record OpenAlert(String facilityId, String deviceId, AlertLevel level, Instant since) {
}
