package fr.vigie.domain.forecast;

import fr.vigie.domain.SupplyDisruptionEvent;

/**
 * What is known nationally of a device's supply when one facility is evaluated: the disruption in
 * force ({@code null} when none) and the manufacturers' notices in force ({@code null} when none).
 * The model decides how much to trust promised deliveries from them.
 */
public record SupplyOutlook(SupplyDisruptionEvent disruption, NoticePressure notices) {

    public static final SupplyOutlook NORMAL = new SupplyOutlook(null, null);

    public SupplyOutlook(SupplyDisruptionEvent disruption) {
        this(disruption, null);
    }

    public SupplyOutlook withNotices(NoticePressure pressure) {
        return new SupplyOutlook(disruption, pressure);
    }
}
