package fr.vigie.domain.forecast;

import fr.vigie.domain.SupplyDisruptionEvent;

/**
 * What is known nationally of a device's supply when one facility is evaluated: the disruption in
 * force ({@code null} when none). The model decides how much to trust promised deliveries from it.
 */
public record SupplyOutlook(SupplyDisruptionEvent disruption) {

    public static final SupplyOutlook NORMAL = new SupplyOutlook(null);
}
