package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoEpidemicSignals;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoReminderLog;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemoryEpidemicSignals;
import fr.vigie.adapter.memory.MemoryNoticeStore;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.app.AlertDispatch;
import fr.vigie.app.AlertReminders;
import fr.vigie.app.BatchEvaluation;
import fr.vigie.app.CoverageEvaluation;
import fr.vigie.app.SilenceCheck;
import fr.vigie.app.SilenceWatch;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.Watchlist;

import java.util.Map;

/**
 * The local composition: the functions' use cases and DynamoDB adapters, on the embedded database,
 * alerts sent through the coverage-evaluator's outbox dispatcher to the run's {@code channels}. A
 * local run is the database's only writer, so the snapshot, alert disruption and notice stores sit behind a
 * write-through memory cache (and the epidemic signal): every write still reaches DynamoDB, but history and state are read
 * from it once; the snapshots are written on a background thread ({@link DynamoSnapshotStore#soleWriter}), and on
 * a fresh database so are the alert pipeline's writes ({@link LocalDatabase#alertPipelineClient}),
 * and the outbox is read only when something can be pending ({@link AlertDispatch#alone}). {@code REMINDER_EVERY_DAYS} in the environment turns reminders on, as in the function, and
 * {@code SILENT_AFTER_HOURLY_HOURS} / {@code SILENT_AFTER_DAILY_HOURS} set the silence delays.
 */
final class LocalVigie {

    final SnapshotIngestion ingestion;
    final BatchEvaluation alerting;
    /** The silence check a replay runs after each batch on the feed's clock. */
    final SilenceCheck silence;
    final MemorySnapshotStore snapshots;
    final MemoryNoticeStore notices;
    /** The weekly epidemic signal the forecast is led by: what {@code --epidemic} imported into the registry of the database. */
    final MemoryEpidemicSignals epidemics;

    LocalVigie(LocalDatabase db, Watchlist watchlist, AlertChannels channels, Map<String, String> env) {
        var names = db.tables();
        snapshots = new MemorySnapshotStore(DynamoSnapshotStore.soleWriter(db.client(), names.snapshots()));
        notices = new MemoryNoticeStore(new DynamoNoticeStore(db.client(), names.registry()));
        epidemics = new MemoryEpidemicSignals(new DynamoEpidemicSignals(db.client(), names.registry()));
        ingestion = new SnapshotIngestion(snapshots);
        var pipeline = db.alertPipelineClient();
        DynamoAlertStore alerts = new DynamoAlertStore(pipeline, names.alerts());
        DynamoDisruptionStore disruptions = new DynamoDisruptionStore(pipeline, names.alerts());
        CoverageEvaluation evaluation = new CoverageEvaluation(watchlist, snapshots,
                db.fresh() ? MemoryAlertStore.overEmpty(alerts) : new MemoryAlertStore(alerts),
                db.fresh() ? MemoryDisruptionStore.overEmpty(disruptions) : new MemoryDisruptionStore(disruptions), notices, epidemics);
        ReminderRule reminders = new ReminderRule(Integer.parseInt(env.getOrDefault("REMINDER_EVERY_DAYS", "0")));
        AlertDispatch dispatch = AlertDispatch.alone(new DynamoAlertOutbox(pipeline, names.alerts()), channels, watchlist, RetrySchedule.DEFAULT);
        // its own items, read at every batch: on the database's client, not waiting for the pipeline's writes behind
        SilenceWatch silences = new SilenceWatch(new DynamoReportingLog(db.client(), names.alerts()), watchlist, SilenceWatch.policy(env));
        // reads the alert events: through the pipeline's client, after its writes
        AlertReminders reminding = new AlertReminders(reminders, new DynamoReminderLog(pipeline, names.alerts()), channels, watchlist);
        alerting = new BatchEvaluation(evaluation, dispatch, reminding).watchingSilence(silences);
        silence = new SilenceCheck(silences, dispatch, reminding);
    }
}
