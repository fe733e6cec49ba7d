package fr.vigie.adapter.memory;

import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.port.NoticeStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notice records in memory, written through to a durable store when given one (a local run is
 * the database's only writer, so the records are read from memory).
 */
public final class MemoryNoticeStore implements NoticeStore {

    private final NoticeStore durable;
    private final List<MatchedNotice> records = new ArrayList<>();
    private final Map<String, MatchedNotice> keys = new HashMap<>();

    public MemoryNoticeStore() {
        this(null);
    }

    /** @param durable the store every record also goes to, its records read once now ({@code null}: memory only) */
    public MemoryNoticeStore(NoticeStore durable) {
        this.durable = durable;
        if (durable != null) {
            durable.published(LocalDate.MIN, LocalDate.MAX).forEach(this::keep);
        }
    }

    @Override
    public synchronized Stored store(MatchedNotice record, Author author) {
        MatchedNotice former = keys.get(record.notice().recordKey());
        Stored stored = former != null ? Stored.against(former, record) : Stored.NEW;
        if (!stored.fresh()) {
            return stored;
        }
        // the durable store decides (it may know the key from another writer); it then holds this record
        stored = durable == null ? stored : durable.store(record, author);
        keep(record);
        return stored;
    }

    @Override
    public synchronized List<MatchedNotice> published(LocalDate from, LocalDate to) {
        return records.stream().filter(m -> !m.notice().publishedAt().isBefore(from) && !m.notice().publishedAt().isAfter(to))
                .sorted(Comparator.comparing((MatchedNotice m) -> m.notice().publishedAt())).toList();
    }

    /** Keeps a record, in the place of the one it revises. */
    private void keep(MatchedNotice record) {
        MatchedNotice former = keys.put(record.notice().recordKey(), record);
        if (former == null) {
            records.add(record);
        } else {
            records.set(records.indexOf(former), record);
        }
    }
}
