package fr.vigie.app;

import fr.vigie.domain.Caller;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Region;
import fr.vigie.domain.silence.FacilityReporting;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.ReportingLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who reports (issue 22; {@code ./vigie tension}, the console's {@code GET /reporting}): each
 * registered facility's last report and what is announced silent (the states the STALE_DATA events
 * come from), and each region's reporting completeness, the share of its registered facilities whose
 * data is current (they reported and are not wholly silent). National operators see every region, a
 * regional operator its own, a hospital its own facility.
 */
public final class ReportingView {

    /**
     * One facility: {@code lastReport} its latest snapshot of any device (null: never reported),
     * {@code silent} true when the whole facility is announced silent, {@code silentDevices} the
     * devices announced silent on their own, {@code current} true when it reported and is not wholly silent.
     */
    public record FacilityRow(String facilityId, String facilityName, String region, String regionLabel, Instant lastReport,
                              boolean silent, List<String> silentDevices, boolean current) {
    }

    /** One region: its registered facilities, those current, their ratio (0 to 1). */
    public record RegionRow(String region, String regionLabel, int facilities, int current, double completeness) {
    }

    /** The facilities, worst first (silent, then oldest last report), and the regions by code. */
    public record Reporting(List<FacilityRow> facilities, List<RegionRow> regions) {
    }

    private final ReportingLog log;
    private final FacilityDirectory directory;

    public ReportingView(ReportingLog log, FacilityDirectory directory) {
        this.log = log;
        this.directory = directory;
    }

    /** @throws Refusal forbidden to a caller who is neither an operator nor a hospital */
    public Reporting now(Caller caller) {
        if (!caller.anyOperator() && !caller.hospital()) {
            throw Refusal.forbidden("la remontée des données est réservée aux opérateurs et aux établissements");
        }
        List<FacilityRow> rows = new ArrayList<>();
        for (Facility f : directory.facilities()) {
            if (!sees(caller, f)) {
                continue;
            }
            FacilityReporting state = log.read(f.facilityId()).state();
            Instant last = state.lastSeen().orElse(null);
            rows.add(new FacilityRow(f.facilityId(), f.name(), f.region(), Region.labelOf(f.region()), last,
                    state.facilitySilent(), List.copyOf(new TreeSet<>(state.silentDevices())), last != null && !state.facilitySilent()));
        }
        rows.sort(Comparator.comparing((FacilityRow r) -> r.current())
                .thenComparing(FacilityRow::lastReport, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(FacilityRow::facilityId));
        Map<String, int[]> byRegion = new TreeMap<>();
        for (FacilityRow r : rows) {
            int[] counts = byRegion.computeIfAbsent(r.region() == null ? "" : r.region(), k -> new int[2]);
            counts[0]++;
            counts[1] += r.current() ? 1 : 0;
        }
        List<RegionRow> regions = new ArrayList<>();
        byRegion.forEach((code, c) -> regions.add(new RegionRow(code.isEmpty() ? null : code, Region.labelOf(code.isEmpty() ? null : code),
                c[0], c[1], (double) c[1] / c[0])));
        return new Reporting(rows, regions);
    }

    private static boolean sees(Caller caller, Facility f) {
        return caller.operatesIn(f.region()) || caller.mayActFor(f.facilityId());
    }
}
