package fr.vigie.fn.evaluator;

import fr.vigie.adapter.dynamodb.DynamoEpidemicSignals;
import fr.vigie.adapter.memory.MemoryEpidemicSignals;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.epidemic.EpidemicWeek;
import fr.vigie.port.EpidemicSignals;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

/**
 * The epidemic signal as of the current batch, like {@link BatchNotices}: forgotten at the start of
 * each batch, so that an import counts from the next one, and each region's epidemic read (one Query)
 * the first time a snapshot of the batch needs it, then from memory.
 */
final class BatchEpidemics implements EpidemicSignals {

    private final DynamoDbClient dynamo;
    private final String registryTable;
    private volatile EpidemicSignals current;

    BatchEpidemics(DynamoDbClient dynamo, String registryTable) {
        this.dynamo = dynamo;
        this.registryTable = registryTable;
    }

    void reload() {
        current = new MemoryEpidemicSignals(new DynamoEpidemicSignals(dynamo, registryTable));
    }

    @Override
    public int store(List<EpidemicWeek> weeks, Author author) {
        return current.store(weeks, author);
    }

    @Override
    public List<EpidemicWeek> of(String region, Epidemic epidemic) {
        return current.of(region, epidemic);
    }
}
