package fr.vigie.domain;

import java.time.Instant;

public record SnapshotKey(String facilityId, String deviceId, Instant timestamp) {
}
