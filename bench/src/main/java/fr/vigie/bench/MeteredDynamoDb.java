package fr.vigie.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link DynamoDbClient} in front of another that asks every data call for
 * {@code ReturnConsumedCapacity=TOTAL} and adds up what the engine reports, per operation; it can
 * also keep the items the calls put (the one-{@code PutItem}-at-a-time reference replays them).
 * It changes nothing else: the adapters under measure call it as they call any client. (DynamoDB
 * Local's embedded client is no SDK pipeline, so an {@code ExecutionInterceptor} cannot be added to
 * it; a decorator does the same job for every engine mode.)
 */
public final class MeteredDynamoDb implements DynamoDbClient {

    /** Calls, read units and write units of one operation. */
    public static final class Tally {
        long calls;
        long items;
        double rcu;
        double wcu;
        long nanos;

        public long calls() { return calls; }
        /** Wall time spent inside the delegate's calls. */
        public double seconds() { return nanos / 1e9; }
        public long items() { return items; }
        public double rcu() { return rcu; }
        public double wcu() { return wcu; }
    }

    /** A put seen by the meter: the table and the item. */
    public record Put(String table, Map<String, AttributeValue> item) {
    }

    private final DynamoDbClient delegate;
    private final Map<String, Tally> byOperation = new TreeMap<>();
    private List<Put> recorded;
    private int recordCap;
    private long puts;

    public MeteredDynamoDb(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    /** From now on keep up to {@code cap} of the items put (single puts, batch puts, transaction puts). */
    public synchronized void record(int cap) {
        recorded = new ArrayList<>();
        recordCap = cap;
        puts = 0;
    }

    public synchronized List<Put> recorded() {
        return recorded == null ? List.of() : List.copyOf(recorded);
    }

    /** Every item put since {@link #record}, kept or not. */
    public synchronized long putsSeen() {
        return puts;
    }

    public synchronized void reset() {
        byOperation.clear();
    }

    public synchronized Map<String, Tally> byOperation() {
        return new TreeMap<>(byOperation);
    }

    public synchronized double rcu() {
        return byOperation.values().stream().mapToDouble(t -> t.rcu).sum();
    }

    /** Wall time spent inside the engine's calls, all operations. */
    public synchronized double seconds() {
        return byOperation.values().stream().mapToDouble(Tally::seconds).sum();
    }

    public synchronized double wcu() {
        return byOperation.values().stream().mapToDouble(t -> t.wcu).sum();
    }

    private synchronized void count(String operation, long items, Collection<ConsumedCapacity> consumed) {
        count(operation, items, consumed, 0);
    }

    private synchronized void count(String operation, long items, Collection<ConsumedCapacity> consumed, long nanos) {
        Tally t = byOperation.computeIfAbsent(operation, k -> new Tally());
        t.nanos += nanos;
        t.calls++;
        t.items += items;
        if (consumed == null) {
            return;
        }
        for (ConsumedCapacity c : consumed) {
            if (c == null) {
                continue;
            }
            // on-demand tables report CapacityUnits, split into read and write units when both are known
            double read = c.readCapacityUnits() != null ? c.readCapacityUnits() : 0;
            double write = c.writeCapacityUnits() != null ? c.writeCapacityUnits() : 0;
            if (c.readCapacityUnits() == null && c.writeCapacityUnits() == null && c.capacityUnits() != null) {
                if (isWrite(operation)) {
                    write = c.capacityUnits();
                } else {
                    read = c.capacityUnits();
                }
            }
            t.rcu += read;
            t.wcu += write;
        }
    }

    private static boolean isWrite(String operation) {
        return operation.startsWith("Put") || operation.startsWith("BatchWrite") || operation.startsWith("Transact")
                || operation.startsWith("Update") || operation.startsWith("Delete");
    }

    private synchronized void keep(String table, Map<String, AttributeValue> item) {
        if (recorded == null) {
            return;
        }
        puts++;
        if (recorded.size() < recordCap) {
            recorded.add(new Put(table, item));
        }
    }

    private static List<ConsumedCapacity> one(ConsumedCapacity c) {
        return c == null ? List.of() : List.of(c);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        keep(request.tableName(), request.item());
        long t0 = System.nanoTime();
        PutItemResponse r = delegate.putItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        count("PutItem " + request.tableName(), 1, one(r.consumedCapacity()), System.nanoTime() - t0);
        return r;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        long t0 = System.nanoTime();
        GetItemResponse r = delegate.getItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        count("GetItem " + request.tableName(), r.hasItem() ? 1 : 0, one(r.consumedCapacity()), System.nanoTime() - t0);
        return r;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        long t0 = System.nanoTime();
        UpdateItemResponse r = delegate.updateItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        count("UpdateItem " + request.tableName(), 1, one(r.consumedCapacity()), System.nanoTime() - t0);
        return r;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        long t0 = System.nanoTime();
        DeleteItemResponse r = delegate.deleteItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        count("DeleteItem", 1, one(r.consumedCapacity()), System.nanoTime() - t0);
        return r;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        long t0 = System.nanoTime();
        QueryResponse r = delegate.query(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        count("Query " + request.tableName() + (request.indexName() == null ? "" : "/" + request.indexName()), r.count() == null ? 0 : r.count(),
                one(r.consumedCapacity()), System.nanoTime() - t0);
        return r;
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        long t0 = System.nanoTime();
        ScanResponse r = delegate.scan(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        count("Scan", r.count() == null ? 0 : r.count(), one(r.consumedCapacity()), System.nanoTime() - t0);
        return r;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        long t0 = System.nanoTime();
        BatchGetItemResponse r = delegate.batchGetItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        long asked = request.requestItems().values().stream().mapToLong(k -> k.keys().size()).sum();
        count("BatchGetItem", asked, r.consumedCapacity(), System.nanoTime() - t0);
        return r;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        long n = 0;
        for (Map.Entry<String, List<WriteRequest>> e : request.requestItems().entrySet()) {
            for (WriteRequest w : e.getValue()) {
                n++;
                if (w.putRequest() != null) {
                    keep(e.getKey(), w.putRequest().item());
                }
            }
        }
        long t0 = System.nanoTime();
        BatchWriteItemResponse r = delegate.batchWriteItem(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        count("BatchWriteItem", n, r.consumedCapacity(), System.nanoTime() - t0);
        return r;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        for (TransactWriteItem t : request.transactItems()) {
            if (t.put() != null) {
                keep(t.put().tableName(), t.put().item());
            }
        }
        long t0 = System.nanoTime();
        try {
            TransactWriteItemsResponse r = delegate.transactWriteItems(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            count("TransactWriteItems", request.transactItems().size(), r.consumedCapacity(), System.nanoTime() - t0);
            return r;
        } catch (RuntimeException e) {
            count("TransactWriteItems(cancelled)", request.transactItems().size(), List.of(), System.nanoTime() - t0);
            throw e;
        }
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        return delegate.createTable(request);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return delegate.describeTable(request);
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest request) {
        return delegate.listTables(request);
    }

    @Override
    public ListTablesResponse listTables() {
        return delegate.listTables();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
