package fr.vigie.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.function.Supplier;

/**
 * A DynamoDB client whose item writes run behind, in order, on one background thread ({@link WriteBehind}), for
 * a sole writer whose memory caches already decide every condition ({@code ./vigie} on a database it created: the
 * alert pipeline's stores over {@code MemoryAlertStore.overEmpty} and {@code MemoryDisruptionStore.overEmpty}).
 * {@code PutItem}, {@code UpdateItem}, {@code DeleteItem} and {@code TransactWriteItems} are queued and answered at
 * once with an empty response; {@code GetItem}, {@code Query}, {@code Scan} and {@code BatchGetItem} first wait for
 * the queued writes, so that a read sees them (issue 18: the evaluation no longer waits for each alert write).
 * <p>
 * Errors: a write asking for returned attributes is refused ({@link IllegalArgumentException}): there is nothing to
 * return before it ran. A queued write that fails, its condition included, stops the writes queued after it and is
 * thrown by the next call or {@link #sync()} as an {@link IllegalStateException} (never as the engine's own exception,
 * which a store catching a condition's failure would take for an answer to its own write). Nothing is lost silently.
 */
public final class WriteBehindClient implements DynamoDbClient {

    private final DynamoDbClient engine;
    private final WriteBehind writer;

    /** Writes behind into {@code engine} (which this client never closes), on a thread named {@code threadName}. */
    public WriteBehindClient(DynamoDbClient engine, String threadName) {
        this.engine = engine;
        this.writer = new WriteBehind(threadName);
    }

    /**
     * Waits until every write queued so far is done.
     *
     * @throws IllegalStateException the first queued write that failed
     */
    public void sync() {
        writer.sync();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        refuseReturned(request.returnValues());
        queue("PutItem", () -> engine.putItem(request));
        return PutItemResponse.builder().build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        refuseReturned(request.returnValues());
        queue("UpdateItem", () -> engine.updateItem(request));
        return UpdateItemResponse.builder().build();
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        refuseReturned(request.returnValues());
        queue("DeleteItem", () -> engine.deleteItem(request));
        return DeleteItemResponse.builder().build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        queue("TransactWriteItems", () -> engine.transactWriteItems(request));
        return TransactWriteItemsResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return afterWrites(() -> engine.getItem(request));
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return afterWrites(() -> engine.query(request));
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return afterWrites(() -> engine.scan(request));
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return afterWrites(() -> engine.batchGetItem(request));
    }

    @Override
    public String serviceName() {
        return engine.serviceName();
    }

    /** Waits for the queued writes ({@link #sync()}); the engine's client stays open, its owner's to close. */
    @Override
    public void close() {
        sync();
    }

    private void queue(String operation, Runnable write) {
        writer.submit(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                throw new IllegalStateException(operation + " written behind failed; the writes queued after it were not made", e);
            }
        });
    }

    private <T> T afterWrites(Supplier<T> read) {
        sync();
        return read.get();
    }

    private static void refuseReturned(ReturnValue returned) {
        if (returned != null && returned != ReturnValue.NONE) {
            throw new IllegalArgumentException("a write behind returns no attributes: ReturnValues " + returned + " refused");
        }
    }
}
