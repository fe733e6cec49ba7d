package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TensionMapTest {

    static final Instant T = Instant.parse("2025-12-01T05:00:00Z");

    @Test
    void openAlertsAreCountedByRegionAndDeviceWorstFirst() {
        Map<String, String> regions = Map.of("CHU-IDF-01", "11", "CH-IDF-07", "11", "CH-BRE-08", "53");
        List<TensionMap.Row> rows = TensionMap.of(List.of(
                new OpenAlert("CHU-IDF-01", "HFNC-PED", AlertLevel.WARNING, T),
                new OpenAlert("CH-IDF-07", "HFNC-PED", AlertLevel.CRITICAL, T),
                new OpenAlert("CH-BRE-08", "FFP2", AlertLevel.WARNING, T),
                new OpenAlert("CLIN-X", "FFP2", AlertLevel.WARNING, T)), id -> Optional.ofNullable(regions.get(id)));
        assertEquals(List.of(
                new TensionMap.Row("11", "Île-de-France", "HFNC-PED", 1, 1, List.of("CH-IDF-07", "CHU-IDF-01")),
                new TensionMap.Row("", Region.UNKNOWN_LABEL, "FFP2", 1, 0, List.of("CLIN-X")),
                new TensionMap.Row("53", "Bretagne", "FFP2", 1, 0, List.of("CH-BRE-08"))), rows);
    }
}
