package fr.vigie.fn.evaluator;

import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.memory.MemoryNoticeStore;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.port.NoticeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.LocalDate;
import java.util.List;

/**
 * The manufacturers' notices as of the current batch, like {@link BatchWatchlist}: read again (one
 * Query, a few hundred records a year) at the start of each batch, so that a notice received since
 * counts from the next batch, and each snapshot's evaluation reads them from memory.
 */
final class BatchNotices implements NoticeStore {

    private final DynamoDbClient dynamo;
    private final String registryTable;
    private volatile NoticeStore current;

    BatchNotices(DynamoDbClient dynamo, String registryTable) {
        this.dynamo = dynamo;
        this.registryTable = registryTable;
    }

    void reload() {
        current = new MemoryNoticeStore(new DynamoNoticeStore(dynamo, registryTable));
    }

    @Override
    public Stored store(MatchedNotice record, Author author) {
        return current.store(record, author);
    }

    @Override
    public List<MatchedNotice> published(LocalDate from, LocalDate to) {
        return current.published(from, to);
    }
}
