package fr.vigie.adapter.memory;

import fr.vigie.domain.Epidemic;
import fr.vigie.domain.epidemic.EpidemicWeek;
import fr.vigie.port.EpidemicSignals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The epidemic signal in memory, written through to a durable store when given one, each region's
 * epidemic read from it once, when first asked for (a local run is the database's only writer; a
 * function builds one per batch, so that an import counts from the next batch).
 */
public final class MemoryEpidemicSignals implements EpidemicSignals {

    private final EpidemicSignals durable;
    /** region#epidemic -> its publications by {@link EpidemicWeek#key()} (week, then publication day). */
    private final Map<String, TreeMap<String, EpidemicWeek>> series = new HashMap<>();

    public MemoryEpidemicSignals() {
        this(null);
    }

    /** @param durable the store every import also goes to and series are first read from ({@code null}: memory only) */
    public MemoryEpidemicSignals(EpidemicSignals durable) {
        this.durable = durable;
    }

    @Override
    public synchronized int store(List<EpidemicWeek> weeks, Author author) {
        int changed = 0;
        for (EpidemicWeek w : weeks) {
            EpidemicWeek before = series(w.region(), w.epidemic()).put(w.key(), w);
            changed += w.equals(before) ? 0 : 1;
        }
        return durable != null ? durable.store(weeks, author) : changed;
    }

    @Override
    public synchronized List<EpidemicWeek> of(String region, Epidemic epidemic) {
        return List.copyOf(series(region, epidemic).values());
    }

    private TreeMap<String, EpidemicWeek> series(String region, Epidemic epidemic) {
        return series.computeIfAbsent(region + "#" + epidemic, k -> {
            TreeMap<String, EpidemicWeek> read = new TreeMap<>();
            if (durable != null) {
                durable.of(region, epidemic).forEach(w -> read.put(w.key(), w));
            }
            return read;
        });
    }
}
