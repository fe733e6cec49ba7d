package fr.vigie.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.WatchlistEntry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoResourcesTest {

    @Test
    void demoWatchlistHasTheSevenDevicesForTheWinterSeason() {
        List<WatchlistEntry> devices = DemoSeason.devices();
        assertEquals(List.of("HFNC-PED", "NEB-MASK-PED", "SUCTION-CATH", "O2-MASK-AD", "FFP2", "NP-SWAB", "VENT-CIRCUIT"),
                devices.stream().map(WatchlistEntry::deviceId).toList());
        for (WatchlistEntry d : devices) {
            assertTrue(d.watchedOn(LocalDate.of(2025, 10, 1)) && d.watchedOn(LocalDate.of(2026, 3, 31)), d::deviceId);
            assertFalse(d.watchedOn(LocalDate.of(2025, 9, 30)) || d.watchedOn(LocalDate.of(2026, 4, 1)), d::deviceId);
            int warning = d.thresholds().warningDays();
            int critical = d.thresholds().criticalDays();
            assertTrue(warning >= 14 && warning <= 21 && critical >= 7 && critical <= 10, d::deviceId);
        }
        assertTrue(devices.stream().anyMatch(d -> d.epidemics().equals(Set.of(Epidemic.BRONCHIOLITIS))));
    }

    @Test
    void demoFacilitiesAreSixHospitalsInSeveralRegions() throws Exception {
        JsonNode facilities = new ObjectMapper().readTree(DemoSeason.resource("/demo/facilities.json"));
        assertEquals(6, facilities.size());
        Set<String> ids = new HashSet<>();
        Set<String> regions = new HashSet<>();
        for (JsonNode f : facilities) {
            assertTrue(ids.add(f.get("facilityId").asText()));
            assertFalse(f.get("name").asText().isBlank());
            assertTrue(Set.of("11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94")
                    .contains(f.get("region").asText()), f::toString);
            regions.add(f.get("region").asText());
        }
        assertEquals(6, regions.size());
    }
}
