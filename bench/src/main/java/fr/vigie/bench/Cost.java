package fr.vigie.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The monthly bill of France at hourly polling, in season, from the capacity units measured on the
 * functions' composition polling hourly ({@code Feeds.hourly}) and the prices below. Every price is
 * cited; every figure that is neither measured here nor priced is an assumption, named as one.
 */
final class Cost {

    // ---- prices (USD). The Paris (eu-west-3) figures were not in any page the bench's search reached: each is named with its Region.
    /** DynamoDB on-demand, per million write request units: us-east-1, after the November 2024 cut. */
    static final double WRU_PER_MILLION = 0.625;
    /** DynamoDB on-demand, per million read request units: us-east-1, after the November 2024 cut. */
    static final double RRU_PER_MILLION = 0.125;
    static final String DYNAMO_SOURCE = "airbyte.com/data-engineering-resources/dynamodb-pricing (dated 21 July 2025: "
            + "\"$0.625 per million write request units, $0.125 per million read request units\", US East, after AWS's "
            + "November 2024 50 % cut); aws.amazon.com/dynamodb/pricing/on-demand/ (its tables are drawn in the browser, "
            + "not in the stored page) gives the Paris figures, which the bench could not read";
    /** DynamoDB standard table class storage per GB-month (us-east-1). */
    static final double STORAGE_GB_MONTH = 0.25;
    static final String STORAGE_SOURCE = "gist.github.com/bahrmichael/94e01d26dc21b9b7156d7d27b1b9e16e (Dec 2020, "
            + "\"DynamoDB $0.25\" per GB-month, US East)";
    /** Point-in-time recovery, per GB-month of table size: not found, taken as the storage price (an assumption). */
    static final double PITR_GB_MONTH = 0.25;
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
    /** SQS standard queue, per million requests. */
    static final double SQS_PER_MILLION = 0.40;
    static final String SQS_SOURCE = "cloudburn.io/blog/amazon-sqs-pricing (March 2026, US East: \"Standard $0.40/M (first 100B)\")";
    /** Euros per US dollar: the issue's own conversion (USD 956 ≈ EUR 820); no exchange-rate source was searched. */
    static final double EUR_PER_USD = 820.0 / 956.0;

    // ---- the workload
    static final long FACILITIES = 3_000;
    static final long DEVICES = 60;
    static final long POLLS_PER_DAY = 24;
    static final long DAYS = 30;
    static final long SNAPSHOTS = FACILITIES * DEVICES * POLLS_PER_DAY * DAYS;
    static final long POLLS = FACILITIES * POLLS_PER_DAY * DAYS;
    /** Months of a season (September to March): storage at the season's end holds them all. */
    static final int SEASON_MONTHS = 7;

    // ---- assumptions (not measured here)
    /** In-Region DynamoDB round trip seen from Lambda, added to the local evaluation time per call. */
    static final double ASSUMED_DYNAMO_MS = 5;
    /** A poll worker invocation: 5 facilities (SQS BatchSize) asked over HTTP, 8 at a time, then stored. */
    static final double ASSUMED_POLL_WORKER_SECONDS = 1.0;
    static final double LAMBDA_GB = 1.0; // template.yaml MemorySize 1024
    static final int POLL_BATCH = 5;
    /** SQS requests per facility poll: a tenth of a SendMessageBatch, a fifth of a ReceiveMessage and of a DeleteMessageBatch. */
    static final double SQS_REQUESTS_PER_POLL = 0.1 + 0.2 + 0.2;

    record Line(String what, String quantity, double usd) {
    }

    final List<Line> lines = new ArrayList<>();
    final double wcuPerSnapshot;
    final double rruPerSnapshot;
    final double pollItemBytes;
    final double alertsPerSeriesMonth;
    final double smsShare;
    final long smsPerMonth;
    final long smsPerMonthAllLevels;
    final double total;

    /**
     * @param hourly  the functions' composition on an hourly feed (capacity units per snapshot, measured)
     * @param season  a sample season's replay (its alerts per series and month, and their levels)
     */
    private Cost(ReplayBench.Result hourly, ReplayBench.Result season, int seriesInSeason, double seasonMonths) {
        double stored = hourly.stored();
        wcuPerSnapshot = hourly.wcu() / stored;
        rruPerSnapshot = billedRru(hourly.operations()) / stored;
        pollItemBytes = hourly.avgSnapshotItemBytes();

        double writes = SNAPSHOTS * wcuPerSnapshot;
        double reads = SNAPSHOTS * rruPerSnapshot;
        add("DynamoDB writes", fmt("%.1f M WRU (%.3f per snapshot, measured polling hourly)", writes / 1e6, wcuPerSnapshot),
                writes / 1e6 * WRU_PER_MILLION);
        add("DynamoDB reads", fmt("%.1f M RRU (%.3f per snapshot, measured polling hourly)", reads / 1e6, rruPerSnapshot),
                reads / 1e6 * RRU_PER_MILLION);
        double monthGb = POLLS * (pollItemBytes + 100) / 1e9;
        double seriesStateGb = FACILITIES * DEVICES * 2_000 / 1e9;
        double gb = monthGb * SEASON_MONTHS + seriesStateGb;
        add("DynamoDB storage at the season's end", fmt("%.1f GB (%d months of %.0f-byte poll items + 100 B each, every reading kept; "
                + "series states %.2f GB)", gb, SEASON_MONTHS, pollItemBytes, seriesStateGb), gb * STORAGE_GB_MONTH);
        add("DynamoDB point-in-time recovery", fmt("%.1f GB (assumed priced as storage)", gb), gb * PITR_GB_MONTH);

        // Lambda: the evaluator once per stream batch of 100 polls, the poll workers per 5 facilities, the hourly scheduler
        double evaluated = hourly.evaluated();
        double evalLocalMs = (hourly.seconds() - hourly.ingestSeconds() - hourly.engineSecondsAfterIngest()) * 1000 / evaluated;
        double callsPerSnapshot = hourly.callsAfterIngest() / evaluated;
        double evalMs = evalLocalMs + callsPerSnapshot * ASSUMED_DYNAMO_MS;
        double evaluatorInvocations = POLLS / (double) ReplayBench.STREAM_BATCH;
        double pollInvocations = POLLS / (double) POLL_BATCH;
        double schedulerInvocations = POLLS_PER_DAY * DAYS;
        double gbSeconds = LAMBDA_GB * (SNAPSHOTS * evalMs / 1000 + pollInvocations * ASSUMED_POLL_WORKER_SECONDS
                + schedulerInvocations * 1.0);
        double invocations = evaluatorInvocations + pollInvocations + schedulerInvocations;
        add("Lambda duration (arm64, 1 GB)", fmt("%.0f k GB-s (evaluator %.2f ms/snapshot = %.3f local + %.3f calls x %.0f ms; "
                        + "poll workers %.0f k x %.1f s)", gbSeconds / 1e3, evalMs, evalLocalMs, callsPerSnapshot, ASSUMED_DYNAMO_MS,
                pollInvocations / 1e3, ASSUMED_POLL_WORKER_SECONDS), gbSeconds * LAMBDA_ARM_GB_SECOND);
        add("Lambda requests", fmt("%.2f M invocations", invocations / 1e6), invocations / 1e6 * LAMBDA_REQUESTS_PER_MILLION);
        double sqs = POLLS * SQS_REQUESTS_PER_POLL;
        add("SQS (poll queue)", fmt("%.2f M requests (%.1f per facility poll)", sqs / 1e6, SQS_REQUESTS_PER_POLL), sqs / 1e6 * SQS_PER_MILLION);

        alertsPerSeriesMonth = season.alerts() / (double) seriesInSeason / seasonMonths;
        double alerts = alertsPerSeriesMonth * FACILITIES * DEVICES;
        smsShare = season.alerts() == 0 ? 0 : season.smsAlerts() / (double) season.alerts();
        smsPerMonthAllLevels = Math.round(alerts);
        smsPerMonth = Math.round(alerts * smsShare);
        add("SNS publishes", fmt("%.0f alerts (%.2f per series-month in the sample season)", alerts, alertsPerSeriesMonth),
                alerts / 1e6 * SNS_PUBLISH_PER_MILLION);
        add("SNS email deliveries", fmt("%.0f (one address per alert)", alerts), alerts / 1e5 * SNS_EMAIL_PER_100K);
        total = lines.stream().mapToDouble(Line::usd).sum();
    }

    static Cost of(ReplayBench.Result hourly, ReplayBench.Result season, int seriesInSeason, double seasonMonths) {
        return new Cost(hourly, season, seriesInSeason, seasonMonths);
    }

    /**
     * The read units DynamoDB bills for the metered calls: as DynamoDB Local reports them, except that a
     * {@code GetItem} or a {@code BatchGetItem} key costs at least half a unit, found or not, which DynamoDB
     * Local does not report for a key it does not find ({@link #BATCH_GET_SOURCE}).
     */
    static double billedRru(Map<String, MeteredDynamoDb.Tally> operations) {
        double rru = 0;
        for (Map.Entry<String, MeteredDynamoDb.Tally> e : operations.entrySet()) {
            MeteredDynamoDb.Tally t = e.getValue();
            boolean keyed = e.getKey().startsWith("GetItem") || e.getKey().startsWith("BatchGetItem");
            rru += keyed ? Math.max(t.rcu(), 0.5 * Math.max(t.calls(), t.items())) : t.rcu();
        }
        return rru;
    }

    static final String BATCH_GET_SOURCE = "AWS's agent-toolkit-for-aws DynamoDB cost calculator (skills/specialized-skills/"
            + "database-skills/amazon-dynamodb/scripts/calculate_costs.py: \"Non-existent GetItem still consumes 0.5 RRU "
            + "(eventual)\", formulas \"verified against live DynamoDB ReturnConsumedCapacity responses\")";

    double eur() {
        return total * EUR_PER_USD;
    }

    private void add(String what, String quantity, double usd) {
        lines.add(new Line(what, quantity, usd));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    String table() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(String.format(Locale.ROOT, "  %-44s %10.2f  %s%n", l.what(), l.usd(), l.quantity()));
        }
        b.append(String.format(Locale.ROOT, "  %-44s %10.2f  (EUR %.2f) + %,d SMS a month at France's per-SMS price (not found)%n",
                "total without SMS", total, eur(), smsPerMonth));
        return b.toString();
    }
}
