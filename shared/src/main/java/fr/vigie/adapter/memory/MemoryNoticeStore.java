package fr.vigie.adapter.memory;

import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.port.NoticeStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Notice records in memory, written through to a durable store when given one (a local run is
 * the database's only writer, so the records are read from memory).
 */
public final class MemoryNoticeStore implements NoticeStore {

    private final NoticeStore durable;
    private final List<MatchedNotice> records = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

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
    public synchronized boolean store(MatchedNotice record, Author author) {
        if (keys.contains(record.notice().recordKey())) {
            return false;
        }
        if (durable != null && !durable.store(record, author)) {
            keep(record);
            return false;
        }
        keep(record);
        return true;
    }

    @Override
    public synchronized List<MatchedNotice> published(LocalDate from, LocalDate to) {
        return records.stream().filter(m -> !m.notice().publishedAt().isBefore(from) && !m.notice().publishedAt().isAfter(to))
                .sorted(Comparator.comparing((MatchedNotice m) -> m.notice().publishedAt())).toList();
    }

    private void keep(MatchedNotice record) {
        keys.add(record.notice().recordKey());
        records.add(record);
    }
}
