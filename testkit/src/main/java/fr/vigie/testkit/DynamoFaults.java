package fr.vigie.testkit;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected between a real SDK client and a real DynamoDB Local, as DynamoDB shows them:
 * throttled batches that come back with part of their items unprocessed, throttled transactions
 * cancelled with {@code ThrottlingError} on their last half (nothing of them written), and a
 * connection lost after a number of batch or transactional writes (a Lambda killed half-way, an engine gone). The engine itself is
 * never replaced: what is written is really written.
 */
public final class DynamoFaults implements ExecutionInterceptor {

    private static final ExecutionAttribute<List<WriteRequest>> HELD_BACK = new ExecutionAttribute<>("vigie.heldBack");
    private static final ExecutionAttribute<String> TABLE = new ExecutionAttribute<>("vigie.table");

    private final AtomicInteger throttledBatchesLeft;
    private final AtomicInteger writesBeforeOutage;
    private final AtomicInteger batchWrites = new AtomicInteger();

    private DynamoFaults(int throttledBatches, int writesBeforeOutage) {
        this.throttledBatchesLeft = new AtomicInteger(throttledBatches);
        this.writesBeforeOutage = new AtomicInteger(writesBeforeOutage);
    }

    /**
     * The first {@code batches} batch writes each get half their items back as unprocessed; the
     * first transactions are cancelled as throttled.
     */
    public static DynamoFaults throttling(int batches) {
        return new DynamoFaults(batches, Integer.MAX_VALUE);
    }

    /** After {@code writes} successful batch, transactional or single puts, every call fails as if the connection dropped. */
    public static DynamoFaults outageAfter(int writes) {
        return new DynamoFaults(0, writes);
    }

    /** A client on DynamoDB Local with these faults in its path. */
    public DynamoDbClient client() {
        DynamoDbLocalServer server = DynamoDbLocalServer.get();
        return server.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(this)).build();
    }

    /** Batch and transactional writes that reached DynamoDB (throttled ones included). */
    public int batchWrites() {
        return batchWrites.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        boolean write = context.request() instanceof BatchWriteItemRequest || context.request() instanceof TransactWriteItemsRequest
                || context.request() instanceof PutItemRequest;
        if (write && writesBeforeOutage.getAndDecrement() <= 0) {
            throw SdkClientException.create("injected fault: connection to DynamoDB lost");
        }
        if (context.request() instanceof TransactWriteItemsRequest request && throttledBatchesLeft.getAndDecrement() > 0) {
            batchWrites.incrementAndGet();
            int n = request.transactItems().size();
            List<CancellationReason> reasons = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                reasons.add(CancellationReason.builder().code(i < n / 2 ? "None" : "ThrottlingError")
                        .message(i < n / 2 ? null : "Throughput exceeds the current capacity of your table or index.").build());
            }
            throw TransactionCanceledException.builder().message("injected fault: transaction throttled")
                    .cancellationReasons(reasons).build();
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof BatchWriteItemRequest request) || throttledBatchesLeft.getAndDecrement() <= 0) {
            return context.request();
        }
        Map<String, List<WriteRequest>> sent = new HashMap<>();
        List<WriteRequest> heldBack = new ArrayList<>();
        request.requestItems().forEach((table, writes) -> {
            int half = Math.max(1, writes.size() / 2);
            sent.put(table, writes.subList(0, writes.size() - half));
            heldBack.addAll(writes.subList(writes.size() - half, writes.size()));
            attributes.putAttribute(TABLE, table);
        });
        attributes.putAttribute(HELD_BACK, heldBack);
        sent.values().removeIf(List::isEmpty);
        if (sent.isEmpty()) {
            // DynamoDB refuses an empty batch: send one item after all
            String table = attributes.getAttribute(TABLE);
            sent.put(table, List.of(heldBack.remove(0)));
        }
        return request.toBuilder().requestItems(sent).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof TransactWriteItemsResponse) {
            batchWrites.incrementAndGet();
        }
        if (context.response() instanceof BatchWriteItemResponse response) {
            batchWrites.incrementAndGet();
            List<WriteRequest> heldBack = attributes.getAttribute(HELD_BACK);
            if (heldBack != null && !heldBack.isEmpty()) {
                Map<String, List<WriteRequest>> unprocessed = new HashMap<>(response.unprocessedItems());
                unprocessed.merge(attributes.getAttribute(TABLE), heldBack, (a, b) -> {
                    List<WriteRequest> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
                return response.toBuilder().unprocessedItems(unprocessed).build();
            }
        }
        return context.response();
    }
}
