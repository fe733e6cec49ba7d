package fr.vigie.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where tension is now, for operators: the open alerts counted by region and device, worst first,
 * with the facilities concerned. Regions come from the facility registry; a facility it does not
 * know is counted under an unknown region rather than left out.
 */
public final class TensionMap {

    /** One region and device: how many facilities are in warning and in critical, and which. */
    public record Row(String region, String regionLabel, String deviceId, int warning, int critical, List<String> facilities) {
    }

    private TensionMap() {
    }

    public static List<Row> of(List<OpenAlert> open, Function<String, Optional<String>> regionOfFacility) {
        Map<String, Map<String, List<OpenAlert>>> byRegionAndDevice = new TreeMap<>();
        for (OpenAlert a : open) {
            String region = regionOfFacility.apply(a.facilityId()).orElse("");
            byRegionAndDevice.computeIfAbsent(region, r -> new TreeMap<>())
                    .computeIfAbsent(a.deviceId(), d -> new ArrayList<>()).add(a);
        }
        List<Row> rows = new ArrayList<>();
        byRegionAndDevice.forEach((region, devices) -> devices.forEach((device, alerts) -> rows.add(new Row(region,
                Region.labelOf(region), device,
                (int) alerts.stream().filter(a -> a.level() == AlertLevel.WARNING).count(),
                (int) alerts.stream().filter(a -> a.level() == AlertLevel.CRITICAL).count(),
                alerts.stream().map(OpenAlert::facilityId).sorted().toList()))));
        rows.sort(Comparator.comparingInt(Row::critical).thenComparingInt(Row::warning).reversed()
                .thenComparing(Row::region).thenComparing(Row::deviceId));
        return rows;
    }
}
