package fr.vigie.domain.retex;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.SeriesEvaluator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Next season's list: devices without data, to add (a disruption outside the list, a notice on a reference it lacks), suppliers, leads. */
class NextSeasonListTest {

    static final Season SEASON = new Season(2025);

    static WatchlistEntry entry(String id, boolean active, String... suppliers) {
        return new WatchlistEntry(id, "Dispositif " + id, Set.of(Epidemic.FLU), "piece", null,
                Arrays.stream(suppliers).map(s -> new SupplierReference(s, "REF-" + id, null)).toList(),
                new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), new Thresholds(14, 7), active);
    }

    @Test
    void unreportedDevicesAreSaidSoAndDevicesOutsideTheListUnderADisruptionOrANoticeAreToAdd() {
        DeviceHistory listed = DeviceHistory.of(entry("NEB", true, "ACME"));
        DeviceHistory outside = DeviceHistory.of(entry("GANTS", false, "ACME", "OTHER"));
        SupplyDisruptionEvent open = new SupplyDisruptionEvent("GANTS#2025-11-20", "GANTS", DisruptionStatus.OPEN,
                Instant.parse("2025-11-24T05:00:00Z"), Instant.parse("2025-11-20T05:00:00Z"), List.of("CH-1", "CH-2", "CH-3"),
                DisruptionKind.DELAY, 12, null);
        SeasonNotice lacking = new SeasonNotice("DM-2025-0142", LocalDate.of(2025, 11, 3), "RISK",
                List.of(new SupplierReference("FAB-X", "OPT316", null)), List.of());
        NextSeasonList.Inputs in = new NextSeasonList.Inputs(SEASON, List.of(listed, outside),
                Map.of("NEB", new ThresholdGrid(new Thresholds(14, 7), new SeriesEvaluator())), Map.of(),
                Map.of("NEB", Set.of("CH-1", "CH-2")), Map.of("GANTS", List.of(open)),
                Map.of("GANTS", List.of(Instant.parse("2025-12-04T05:00:00Z"))), List.of(lacking));

        List<Recommendation> list = NextSeasonList.recommendations(in);
        assertEquals(List.of(Recommendation.Action.NO_DATA, Recommendation.Action.ADD, Recommendation.Action.ADD),
                list.stream().map(Recommendation::action).toList());
        assertEquals("NEB", list.get(0).deviceId());
        assertTrue(list.get(1).reason().contains("24/11/2025"), list.get(1).reason());
        assertTrue(list.get(2).reason().contains("DM-2025-0142") && list.get(2).name().contains("FAB-X OPT316"), list.get(2).toString());

        List<SupplierShare> suppliers = NextSeasonList.suppliers(in);
        assertEquals(1, suppliers.size(), "only the season's list counts: " + suppliers);
        assertEquals(List.of("NEB"), suppliers.get(0).soleSupplierOf());
        assertTrue(suppliers.get(0).concentrated(), "ACME alone supplies a device every facility reports");

        Forewarning disruption = NextSeasonList.forewarnings(in).stream().filter(f -> f.id().equals("GANTS#2025-11-20")).findFirst().orElseThrow();
        assertEquals(10.0, disruption.leadDays().getAsDouble(), 1e-9, "announced on 24 November, the next stock-out on 4 December");
    }
}
