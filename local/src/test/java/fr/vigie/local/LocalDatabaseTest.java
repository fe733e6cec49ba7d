package fr.vigie.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalDatabaseTest {

    @Test
    void theScratchCopyCommitsWithoutSyncJournalsInMemoryAndIsLockedOnce(@TempDir Path folder) {
        AmazonDynamoDBLocal engine = DynamoDBEmbedded.create(folder.resolve("scratch.db").toFile(), true);
        try {
            // as SQLite reads them back: synchronous OFF is 0
            assertEquals(Map.of("synchronous", "0", "journal_mode", "memory", "locking_mode", "exclusive"), LocalDatabase.applyScratchSettings(engine));
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void whatARunWroteIsInTheFolderOnceClosedAndReadByTheNextRun(@TempDir Path folder) throws Exception {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("FAC#FR-IDF-0001#DEV#D1"), "sk", AttributeValue.fromS("STATE"));
        try (LocalDatabase first = LocalDatabase.onDisk(folder)) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(key);
            item.put("level", AttributeValue.fromS("WARNING"));
            first.client().putItem(b -> b.tableName(first.tables().alerts()).item(item));
        }
        try (var files = Files.list(folder)) {
            assertEquals(java.util.List.of(".lock", LocalDatabase.FILE), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the database alone, no journal beside it");
        }
        try (LocalDatabase next = LocalDatabase.onDisk(folder)) {
            assertEquals(false, next.fresh());
            assertEquals("WARNING", next.client().getItem(b -> b.tableName(next.tables().alerts()).key(key)).item().get("level").s());
        }
    }

    @Test
    void aRunWhoseWriteBehindFailedLeavesTheFolderWithoutItsDatabase(@TempDir Path folder) throws Exception {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("FAC#FR-IDF-0001#DEV#D1"), "sk", AttributeValue.fromS("STATE"));
        LocalDatabase db = LocalDatabase.onDisk(folder);
        db.client().putItem(b -> b.tableName(db.tables().alerts()).item(item));
        // an event the caches would have refused: its condition fails behind the run
        db.alertPipelineClient().putItem(b -> b.tableName(db.tables().alerts()).item(item).conditionExpression("attribute_not_exists(pk)"));
        IllegalStateException failed = assertThrows(IllegalStateException.class, db::close);
        assertInstanceOf(ConditionalCheckFailedException.class, failed.getCause());
        assertFalse(Files.exists(folder.resolve(LocalDatabase.FILE)), "no half-written database in the folder");
        try (LocalDatabase next = LocalDatabase.onDisk(folder)) {
            assertTrue(next.fresh(), "the folder is free again, and empty");
        }
    }
}
