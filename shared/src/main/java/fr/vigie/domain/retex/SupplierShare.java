package fr.vigie.domain.retex;

import java.util.List;

/**
 * One supplier behind the watch-list's references (season's end versions): the devices it supplies,
 * those it supplies alone, and the reporting facilities that depend on it with no alternative
 * reference (they report a device it alone supplies).
 */
public record SupplierShare(String supplier, List<String> devices, List<String> soleSupplierOf, int facilities, int reportingFacilities) {

    public SupplierShare {
        devices = List.copyOf(devices);
        soleSupplierOf = List.copyOf(soleSupplierOf);
    }

    /** Share of the reporting facilities that depend on this supplier alone for at least one device, 0 to 1. */
    public double facilityShare() {
        return reportingFacilities == 0 ? 0 : (double) facilities / reportingFacilities;
    }

    /** One supplier behind most facilities' supply (more than half): a risk for next season. */
    public boolean concentrated() {
        return facilityShare() > 0.5;
    }
}
