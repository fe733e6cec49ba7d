package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemoryNoticeStore;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.app.CoverageEvaluation;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.port.AlertPublisher;
import fr.vigie.port.Watchlist;

/**
 * The local composition: the functions' use cases and DynamoDB adapters, on the embedded database.
 * A local run is the database's only writer, so each store sits behind a write-through memory
 * cache: every write still reaches DynamoDB, but history and state are read from it once.
 */
final class LocalVigie {

    final SnapshotIngestion ingestion;
    final CoverageEvaluation evaluation;
    final MemorySnapshotStore snapshots;
    final MemoryNoticeStore notices;

    LocalVigie(LocalDatabase db, Watchlist watchlist, AlertPublisher publisher) {
        var names = db.tables();
        snapshots = new MemorySnapshotStore(new DynamoSnapshotStore(db.client(), names.snapshots()));
        notices = new MemoryNoticeStore(new DynamoNoticeStore(db.client(), names.registry()));
        ingestion = new SnapshotIngestion(snapshots);
        evaluation = new CoverageEvaluation(watchlist, snapshots,
                new MemoryAlertStore(new DynamoAlertStore(db.client(), names.alerts())),
                new MemoryDisruptionStore(new DynamoDisruptionStore(db.client(), names.alerts())), publisher, notices);
    }
}
