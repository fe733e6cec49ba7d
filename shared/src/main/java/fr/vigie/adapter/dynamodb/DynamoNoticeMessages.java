package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.domain.NoticeMessage;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;
import fr.vigie.port.AlertChannels;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The notice intake's channels where SNS is not at hand (the notices file drop, whose jar leaves the SNS
 * client out to stay under 15 MB): each message a notice record makes is recorded pending in the alerts
 * table's outbox, once, and the outbox dispatcher sends it, and retries it, as it does the alerts
 * ({@link DynamoAlertOutbox}; the coverage-evaluator and the hourly silence check run it).
 * <pre>
 *   pk = NOTICE#{noticeId}   sk = MESSAGE#{publishedAt}#{status}#{facilityId or *}#{deviceId or *}
 *   event = {@link NoticeJson#write(NoticeMessage)}   pendingPk = PENDING, pendingSk = {at}#MESSAGE#…   until sent
 * </pre>
 * Recorded under {@code attribute_not_exists(pk)}: a file read twice records nothing twice. A caller with
 * SNS at hand (the operators' POST) sends each message as soon as it is recorded ({@code onRecorded}): a
 * failed send leaves it pending for the dispatcher's retry, so nothing is lost. Only notices
 * go through here; an alert, digest, reminder, national or silence message throws
 * {@link UnsupportedOperationException} (those are recorded by their own stores).
 */
public final class DynamoNoticeMessages implements AlertChannels {

    static final String MESSAGE = "MESSAGE#";
    private static final String NOTICE = "NOTICE#";

    private final DynamoDbClient client;
    private final String table;
    private final Consumer<NoticeMessage> onRecorded;

    /** Records only: the outbox dispatcher sends later. */
    public DynamoNoticeMessages(DynamoDbClient client, String table) {
        this(client, table, message -> { });
    }

    /** @param onRecorded called with each message recorded for the first time (not with one recorded before) */
    public DynamoNoticeMessages(DynamoDbClient client, String table, Consumer<NoticeMessage> onRecorded) {
        this.client = client;
        this.table = table;
        this.onRecorded = onRecorded;
    }

    @Override
    public void supplyNotice(SupplyNoticeEvent event) {
        record(NoticeMessage.forOperators(event));
    }

    @Override
    public void facilityNotice(String facilityId, WatchlistEntry device, MatchedNotice record) {
        record(NoticeMessage.forFacility(record, facilityId, device.deviceId()));
    }

    private void record(NoticeMessage message) {
        Map<String, AttributeValue> item = new HashMap<>(key(message));
        item.put("event", Items.s(NoticeJson.write(message)));
        item.put(Tables.PENDING_PK, Items.s(Keys.PENDING));
        item.put(Tables.PENDING_SK, Items.s(Keys.time(message.at()) + "#" + Items.str(item, Tables.SK)));
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException recordedBefore) {
            // the same message of the same record: recorded once, sent once
            return;
        }
        onRecorded.accept(message);
    }

    static Map<String, AttributeValue> key(NoticeMessage m) {
        SupplyNoticeEvent e = m.event();
        return Map.of(Tables.PK, Items.s(NOTICE + e.noticeId()), Tables.SK, Items.s(MESSAGE + e.publishedAt() + "#" + e.status()
                + "#" + (m.operators() ? "*" : m.facilityId()) + "#" + (m.operators() ? "*" : m.deviceId())));
    }

    @Override
    public void alert(Notice notice, boolean withEmail) {
        throw new UnsupportedOperationException("notices only");
    }

    @Override
    public void digest(List<Notice> notices) {
        throw new UnsupportedOperationException("notices only");
    }

    @Override
    public void reminder(Notice open, Instant now) {
        throw new UnsupportedOperationException("notices only");
    }

    @Override
    public void silentReminder(Notice open, Instant now, Instant lastSeen) {
        throw new UnsupportedOperationException("notices only");
    }

    @Override
    public void national(SupplyDisruptionEvent event) {
        throw new UnsupportedOperationException("notices only");
    }

    @Override
    public void staleData(StaleDataEvent event, WatchlistEntry device) {
        throw new UnsupportedOperationException("notices only");
    }
}
