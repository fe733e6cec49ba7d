package fr.vigie.port;

import fr.vigie.domain.OpenAlert;

import java.util.List;

/** The alerts open now (WARNING or CRITICAL, not yet RECOVERED), one per facility and device. */
@FunctionalInterface
public interface OpenAlerts {

    List<OpenAlert> openAlerts();
}
