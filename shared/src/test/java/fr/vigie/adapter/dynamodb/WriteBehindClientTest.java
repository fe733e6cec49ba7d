package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.DisruptionStore;
import fr.vigie.testkit.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writes behind, on Amazon DynamoDB Local in the test JVM. */
class WriteBehindClientTest {

    private final DynamoDbClient engine = DynamoDbLocalServer.get().client();
    private String table;

    @BeforeEach
    void tables() {
        Tables.Names names = new Tables.Names("snap-wb", "alerts-" + UUID.randomUUID().toString().substring(0, 8), "registry-wb");
        Tables.createMissing(engine, names);
        table = names.alerts();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(Tables.PK, AttributeValue.fromS(pk), Tables.SK, AttributeValue.fromS("STATE"));
    }

    private static Map<String, AttributeValue> item(String pk, String level) {
        return Map.of(Tables.PK, AttributeValue.fromS(pk), Tables.SK, AttributeValue.fromS("STATE"), "level", AttributeValue.fromS(level));
    }

    @Test
    void aReadThroughItSeesEveryWriteQueuedBeforeIt() {
        WriteBehindClient client = new WriteBehindClient(engine, "test-writer");
        for (int i = 0; i < 300; i++) {
            client.putItem(b -> b.tableName(table).item(item("FAC#A", "WARNING")));
            client.updateItem(b -> b.tableName(table).key(key("FAC#A")).updateExpression("SET #l = :l")
                    .expressionAttributeNames(Map.of("#l", "level")).expressionAttributeValues(Map.of(":l", AttributeValue.fromS("CRITICAL"))));
        }
        client.putItem(b -> b.tableName(table).item(item("FAC#B", "WARNING")));
        client.deleteItem(b -> b.tableName(table).key(key("FAC#B")));

        assertEquals("CRITICAL", client.getItem(b -> b.tableName(table).key(key("FAC#A"))).item().get("level").s());
        assertEquals(1, client.scan(b -> b.tableName(table)).count(), "FAC#B put, then deleted, in that order");
    }

    @Test
    void aWriteThatFailsBehindIsThrownByTheNextCallAndStopsTheWritesAfterIt() {
        engine.putItem(b -> b.tableName(table).item(item("FAC#A", "WARNING")));
        WriteBehindClient client = new WriteBehindClient(engine, "test-writer");

        // answered at once: its condition is checked behind, and fails
        client.putItem(b -> b.tableName(table).item(item("FAC#A", "CRITICAL")).conditionExpression("attribute_not_exists(pk)"));
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 1_000; i++) { // until the writer got to it
                client.putItem(b -> b.tableName(table).item(item("FAC#C", "WARNING")));
            }
            client.sync();
        });
        // never the engine's own exception: a store catching a failed condition would take it for its own write's answer
        assertInstanceOf(ConditionalCheckFailedException.class, failed.getCause());
        assertThrows(IllegalStateException.class, client::sync, "it stays failed");
        assertEquals("WARNING", engine.getItem(b -> b.tableName(table).key(key("FAC#A"))).item().get("level").s());
        assertTrue(engine.getItem(b -> b.tableName(table).key(key("FAC#C"))).item().isEmpty(), "nothing written after the failure");
    }

    /**
     * {@code ./vigie} on a fresh database: the caches refuse a repeated event themselves (a write behind of it would
     * fail its condition later), count the reporting facilities without reading, and what they decided is stored.
     */
    @Test
    void theAlertPipelinesCachesOverAnEmptyDatabaseDecideAloneAndTheirWritesBehindStoreWhatTheyDecided() {
        WriteBehindClient client = new WriteBehindClient(engine, "test-writer");
        MemoryAlertStore alerts = MemoryAlertStore.overEmpty(new DynamoAlertStore(client, table));
        MemoryDisruptionStore disruptions = MemoryDisruptionStore.overEmpty(new DynamoDisruptionStore(client, table));
        Instant t0 = Instant.parse("2025-11-02T06:00:00Z");
        AlertEvent alert = new AlertEvent(AlertEvent.alertId("CH-1", "FFP2", t0), "CH-1", "FFP2", AlertLevel.WARNING,
                null, t0, 12.5, LocalDate.of(2025, 11, 13), 120, 9.6, List.of(Reason.COVERAGE_BELOW_WARNING));
        AlertState warning = new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, t0);
        SupplyDisruptionEvent national = new SupplyDisruptionEvent("FFP2#" + t0, "FFP2", DisruptionStatus.OPEN, t0.plusSeconds(1), t0,
                List.of("CH-1", "CH-2"), DisruptionKind.DELAY, 6, null);

        assertTrue(alerts.recordTransition(alert, warning));
        assertFalse(alerts.recordTransition(alert, warning), "a repeated event, refused without a write");
        assertTrue(disruptions.countReporter("FFP2", "CH-1"));
        assertTrue(disruptions.countReporter("FFP2", "CH-2"));
        DisruptionStore.Versioned read = disruptions.state("FFP2");
        assertEquals(2, read.state().reportingCount());
        assertTrue(disruptions.saveState("FFP2", read.version(), read.state()));
        assertTrue(disruptions.recordEvent(national));
        assertFalse(disruptions.recordEvent(national));
        client.sync(); // no write failed behind

        DynamoDisruptionStore stored = new DynamoDisruptionStore(engine, table);
        assertEquals(new DisruptionStore.Versioned(read.state(), 1), stored.state("FFP2"));
        assertEquals(List.of(national), stored.events("FFP2", t0, t0.plusSeconds(60)));
        assertEquals(List.of(alert), new DynamoAlertStore(engine, table).events(alert.series(), "", "~"));
        assertEquals(warning, new DynamoAlertStore(engine, table).state(alert.series()));
    }

    @Test
    void aWriteAskingForAttributesBackIsRefused() {
        WriteBehindClient client = new WriteBehindClient(engine, "test-writer");
        assertThrows(IllegalArgumentException.class,
                () -> client.putItem(b -> b.tableName(table).item(item("FAC#A", "WARNING")).returnValues(ReturnValue.ALL_OLD)));
        client.sync();
        assertTrue(engine.getItem(b -> b.tableName(table).key(key("FAC#A"))).item().isEmpty());
    }
}
