package fr.vigie.bench;

import fr.vigie.adapter.dynamodb.Tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The monthly bill of France at hourly polling, in season, from the capacity units measured on the
 * functions' composition and the prices below. Every price is cited; every figure that is not
 * measured here nor priced is an assumption, named as one.
 */
final class Cost {

    // ---- prices (USD). Where the Paris (eu-west-3) figure was not found, the cited one is named with its Region.
    /** DynamoDB on-demand, per million write request units: us-east-1, after the November 2024 cut. */
    static final double WRU_PER_MILLION = 0.625;
    /** DynamoDB on-demand, per million read request units: us-east-1, after the November 2024 cut. */
    static final double RRU_PER_MILLION = 0.125;
    static final String DYNAMO_SOURCE = "airbyte.com/data-engineering-resources/dynamodb-pricing (dated 21 July 2025: "
            + "\"$0.625 per million write request units, $0.125 per million read request units\", US East, after AWS's "
            + "November 2024 50 % cut); the Paris figures were not in the pages this bench could search";
    /** DynamoDB standard table class storage per GB-month (us-east-1). */
    static final double STORAGE_GB_MONTH = 0.25;
    static final String STORAGE_SOURCE = "gist.github.com/bahrmichael/94e01d26dc21b9b7156d7d27b1b9e16e (Dec 2020, "
            + "\"DynamoDB $0.25\" per GB-month, US East)";
    /** Lambda arm64 duration per GB-second (first 7.5 billion GB-s a month) and requests per million. */
    static final double LAMBDA_ARM_GB_SECOND = 0.0000133334;
    static final double LAMBDA_REQUESTS_PER_MILLION = 0.20;
    static final String LAMBDA_SOURCE = "cloudchipr.com/blog/aws-lambda-pricing (2024, US East: Arm \"First 7.5 Billion "
            + "GB-seconds per month: $0.0000133334 per GB-second\"), requests $0.20 per million as in "
            + "git.mcrn.ar/mariano/lambda_local_runner docs/lambdas-md/lambda-13-cost.md";
    /** SNS: standard topic publish per million, email delivery per 100,000. */
    static final double SNS_PUBLISH_PER_MILLION = 0.50;
    static final double SNS_EMAIL_PER_100K = 2.00;
    static final String SNS_SOURCE = "factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols (2026-06-13: "
            + "\"Standard topic publish is $0.50/M ... email is $2/100K, SMS varies by country\")";

    // ---- the workload
    static final long FACILITIES = 3_000;
    static final long DEVICES = 60;
    static final long POLLS_PER_DAY = 24;
    static final long DAYS = 30;
    static final long SNAPSHOTS = FACILITIES * DEVICES * POLLS_PER_DAY * DAYS;

    // ---- assumptions (not measured here)
    /** In-Region DynamoDB round trip seen from Lambda, added to the local evaluation time per call. */
    static final double ASSUMED_DYNAMO_MS = 5;
    /** A poll worker invocation: 5 facilities (SQS BatchSize) asked over HTTP, 8 at a time, then stored. */
    static final double ASSUMED_POLL_WORKER_SECONDS = 1.0;
    static final double LAMBDA_GB = 1.0; // template.yaml MemorySize 1024
    static final int POLL_BATCH = 5;

    record Line(String what, String quantity, double usd) {
    }

    final List<Line> lines = new ArrayList<>();
    final double wcuPerSnapshot;
    final double rcuPerSnapshotMeasured;
    final double ingestRcuMeasured;
    final double ingestRcuPerSnapshotBilled;
    static final String BATCH_GET_SOURCE = "AWS's agent-toolkit-for-aws DynamoDB cost calculator (skills/specialized-skills/"
            + "database-skills/amazon-dynamodb/scripts/calculate_costs.py: \"Non-existent GetItem still consumes 0.5 RRU "
            + "(eventual)\", \"BatchGetItem / BatchWriteItem: rounded per-item, then summed\", formulas \"verified against "
            + "live DynamoDB ReturnConsumedCapacity responses\")";
    final double rcuPerEvaluationMeasured;
    final double queryRcuPerEvaluationMeasured;
    final double queryItemsPerEvaluationMeasured;
    final double queryRcuPerEvaluationHourly;
    final double rcuPerSnapshotHourly;
    final double itemBytes;
    final double alertsPerSeriesMonth;
    final long smsPerMonth;
    final double total;

    private Cost(ReplayBench.Result functions, int seriesInSample, double sampleMonths) {
        Tables.Names names = Tables.Names.defaults();
        Map<String, MeteredDynamoDb.Tally> ops = functions.operations();
        double stored = functions.stored();
        double evaluated = functions.evaluated();
        itemBytes = functions.avgSnapshotItemBytes();
        wcuPerSnapshot = functions.wcu() / stored;
        rcuPerSnapshotMeasured = functions.rcu() / stored;
        MeteredDynamoDb.Tally existence = tally(ops, "BatchGetItem");
        // DynamoDB Local reports nothing for the keys a BatchGetItem does not find; DynamoDB bills each key as a GetItem,
        // 0.5 RRU at least when eventually consistent, found or not
        ingestRcuMeasured = existence.rcu();
        double ingestRcu = Math.max(existence.rcu(), 0.5 * existence.items());
        ingestRcuPerSnapshotBilled = ingestRcu / functions.stored();
        MeteredDynamoDb.Tally history = tally(ops, "Query " + names.snapshots());
        rcuPerEvaluationMeasured = (functions.rcu() - ingestRcuMeasured) / evaluated;
        queryRcuPerEvaluationMeasured = history.rcu() / evaluated;
        queryItemsPerEvaluationMeasured = history.items() / evaluated;
        // hourly polling: the evaluator's window holds HISTORY_DAYS x 24 snapshots; a Query is billed on the bytes it reads
        double hourlyItems = ReplayBench.historyDays() * (double) POLLS_PER_DAY;
        queryRcuPerEvaluationHourly = Math.ceil(hourlyItems * itemBytes / 4096.0) * 0.5;
        double otherEvaluationRcu = rcuPerEvaluationMeasured - queryRcuPerEvaluationMeasured;
        rcuPerSnapshotHourly = ingestRcu / stored + (otherEvaluationRcu + queryRcuPerEvaluationHourly) * evaluated / stored;

        double writes = SNAPSHOTS * wcuPerSnapshot;
        double reads = SNAPSHOTS * rcuPerSnapshotHourly;
        add("DynamoDB writes", fmt("%.1f M WRU (%.3f per snapshot, measured)", writes / 1e6, wcuPerSnapshot), writes / 1e6 * WRU_PER_MILLION);
        add("DynamoDB reads", fmt("%.0f M RRU (%.2f per snapshot at hourly polling: history Query %.1f, existence check %.2f)",
                reads / 1e6, rcuPerSnapshotHourly, queryRcuPerEvaluationHourly, ingestRcuPerSnapshotBilled), reads / 1e6 * RRU_PER_MILLION);
        double gb = SNAPSHOTS * (itemBytes + 100) / 1e9;
        add("DynamoDB storage, one month of snapshots kept a month", fmt("%.1f GB (%.0f B/item + 100 B overhead)", gb, itemBytes),
                gb * STORAGE_GB_MONTH);

        // Lambda: evaluator per stream batch of 100, poll workers per 5 facilities, the hourly scheduler
        double evalLocalMs = (functions.seconds() - functions.ingestSeconds()) * 1000 / evaluated;
        double callsPerEvaluation = ops.entrySet().stream().filter(e -> !e.getKey().startsWith("Batch"))
                .mapToLong(e -> e.getValue().calls()).sum() / evaluated;
        double evalMs = evalLocalMs + callsPerEvaluation * ASSUMED_DYNAMO_MS;
        double evaluatorInvocations = SNAPSHOTS / (double) ReplayBench.STREAM_BATCH;
        double pollInvocations = FACILITIES * POLLS_PER_DAY * DAYS / (double) POLL_BATCH;
        double schedulerInvocations = POLLS_PER_DAY * DAYS;
        double gbSeconds = LAMBDA_GB * (SNAPSHOTS * evalMs / 1000 + pollInvocations * ASSUMED_POLL_WORKER_SECONDS
                + schedulerInvocations * 1.0);
        double invocations = evaluatorInvocations + pollInvocations + schedulerInvocations;
        add("Lambda duration (arm64, 1 GB)", fmt("%.0f k GB-s (evaluator %.1f ms/snapshot = %.2f local + %.1f calls x %.0f ms)",
                gbSeconds / 1e3, evalMs, evalLocalMs, callsPerEvaluation, ASSUMED_DYNAMO_MS), gbSeconds * LAMBDA_ARM_GB_SECOND);
        add("Lambda requests", fmt("%.2f M invocations", invocations / 1e6), invocations / 1e6 * LAMBDA_REQUESTS_PER_MILLION);

        alertsPerSeriesMonth = functions.alerts() / (double) seriesInSample / sampleMonths;
        double alerts = alertsPerSeriesMonth * FACILITIES * DEVICES;
        smsPerMonth = Math.round(alerts);
        add("SNS publishes", fmt("%.0f alerts (%.2f per series-month in season-a)", alerts, alertsPerSeriesMonth),
                alerts / 1e6 * SNS_PUBLISH_PER_MILLION);
        add("SNS email deliveries", fmt("%.0f (one address per alert)", alerts), alerts / 1e5 * SNS_EMAIL_PER_100K);
        total = lines.stream().mapToDouble(Line::usd).sum();
    }

    static Cost of(ReplayBench.Result functions, int seriesInSample, double sampleMonths) {
        return new Cost(functions, seriesInSample, sampleMonths);
    }

    private void add(String what, String quantity, double usd) {
        lines.add(new Line(what, quantity, usd));
    }

    private static MeteredDynamoDb.Tally tally(Map<String, MeteredDynamoDb.Tally> ops, String key) {
        return ops.getOrDefault(key, new MeteredDynamoDb.Tally());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    String table() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(String.format(Locale.ROOT, "  %-52s %10.2f  %s%n", l.what(), l.usd(), l.quantity()));
        }
        b.append(String.format(Locale.ROOT, "  %-52s %10.2f  + %,d SMS a month at France's per-SMS price (not found)%n",
                "total without SMS", total, smsPerMonth));
        return b.toString();
    }
}
