package fr.vigie.domain.followup;

import java.util.Comparator;
import java.util.List;

/**
 * Who could lend (issue 22 "help from neighbours"): facilities of the same region holding the same
 * device with a comfortable projected coverage, at least {@value #COMFORT_FACTOR} × the device's
 * warning threshold. Nearest first when both ends have coordinates (great-circle distance), then the
 * most comfortable; at most {@value #MAX} — a short list a pharmacist can call.
 */
public final class Neighbours {

    public static final int MAX = 3;
    public static final int COMFORT_FACTOR = 2;
    private static final double EARTH_KM = 6371.0;

    /** A facility that holds the device. {@code latitude}/{@code longitude} in degrees, null when unknown. */
    public record Candidate(String facilityId, String name, String region, double coverageDays,
                            Double latitude, Double longitude, String contact) {
        boolean located() {
            return latitude != null && longitude != null;
        }
    }

    private Neighbours() {
    }

    /** Up to {@value #MAX} candidates that could help {@code inNeed}, for a device whose warning threshold is {@code warningDays}. */
    public static List<Candidate> of(Candidate inNeed, List<Candidate> holders, int warningDays) {
        Comparator<Candidate> order = Comparator
                .comparingDouble((Candidate c) -> distanceKm(inNeed, c))
                .thenComparing(Comparator.comparingDouble(Candidate::coverageDays).reversed())
                .thenComparing(Candidate::facilityId);
        return holders.stream()
                .filter(c -> !c.facilityId().equals(inNeed.facilityId()))
                .filter(c -> c.region() != null && c.region().equals(inNeed.region()))
                .filter(c -> c.coverageDays() >= (double) COMFORT_FACTOR * warningDays)
                .sorted(order)
                .limit(MAX)
                .toList();
    }

    /** Haversine distance in km; +∞ when either end has no coordinates, so located neighbours come first. */
    static double distanceKm(Candidate a, Candidate b) {
        if (!a.located() || !b.located()) {
            return Double.POSITIVE_INFINITY;
        }
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.latitude())) * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
    }
}
