package fr.vigie.adapter.sns;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.SnsProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing to a real SNS API: the body is the spec's event, the attributes let subscriptions filter. */
abstract class AlertPublishingContract {

    abstract SnsClient sns();

    abstract SqsClient sqs();

    /** fauxqs matches filter policies on String values only, not on String.Array ones as SNS does. */
    abstract boolean filtersOnStringArrays();

    static final WatchlistEntry HFNC = new WatchlistEntry("HFNC-PED", "Canule nasale haut debit pediatrique",
            Set.of(Epidemic.BRONCHIOLITIS), "piece", null, null, new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)),
            new Thresholds(21, 10), true);

    static AlertEvent event(String facility, AlertLevel level) {
        Instant at = Instant.parse("2025-11-02T05:00:00Z");
        return new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", at), facility, "HFNC-PED", level, AlertLevel.WARNING,
                at, 6.4, LocalDate.of(2025, 11, 8), 120, 18.7, List.of(Reason.COVERAGE_BELOW_CRITICAL));
    }

    @Test
    void eachSubscriberGetsTheSpecEventOfItsOwnFacilityOrRegion() throws Exception {
        String topic = sns().createTopic(b -> b.name("alerts-" + UUID.randomUUID())).topicArn();
        SnsProbe chu = SnsProbe.subscribe(sns(), sqs(), topic, "{\"facilityId\":[\"CHU-IDF-01\"]}");
        SnsProbe other = SnsProbe.subscribe(sns(), sqs(), topic, "{\"facilityId\":[\"CH-OCC-05\"]}");
        SnsProbe idf = SnsProbe.subscribe(sns(), sqs(), topic, "{\"region\":[\"11\"]}");
        SnsProbe bronchiolitis = SnsProbe.subscribe(sns(), sqs(), topic, "{\"epidemics\":[\"BRONCHIOLITIS\"]}");
        SnsAlertPublisher publisher = new SnsAlertPublisher(sns(), topic,
                id -> Optional.ofNullable(Map.of("CHU-IDF-01", "11", "CH-HDF-03", "32").get(id)));

        AlertEvent critical = event("CHU-IDF-01", AlertLevel.CRITICAL);
        publisher.publish(critical, HFNC);
        publisher.publish(event("CH-HDF-03", AlertLevel.WARNING), HFNC);

        List<Message> got = chu.receive(1, Duration.ofSeconds(5));
        assertEquals(1, got.size());
        assertEquals(critical, AlertEventJson.readAlert(SnsProbe.bodyFor(got.get(0), "sqs")));
        JsonNode body = Json.MAPPER.readTree(SnsProbe.bodyFor(got.get(0), "sqs"));
        assertEquals("CRITICAL", body.get("level").asText());
        assertTrue(SnsProbe.bodyFor(got.get(0), "email").contains("Stock disponible : 120"));
        assertTrue(SnsProbe.bodyFor(got.get(0), "sms").startsWith("Vigie CRITIQUE CHU-IDF-01 HFNC-PED"));
        assertEquals(List.of("CHU-IDF-01"), idf.receive(1, Duration.ofSeconds(5)).stream()
                .map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs")).facilityId()).toList());
        if (filtersOnStringArrays()) {
            assertEquals(2, bronchiolitis.receive(2, Duration.ofSeconds(5)).size());
        }
        assertEquals("[\"BRONCHIOLITIS\"]", got.get(0).messageAttributes().get("epidemics").stringValue());
        assertEquals("CRITICAL", got.get(0).messageAttributes().get("level").stringValue());
        assertTrue(other.receive(1, Duration.ofSeconds(2)).isEmpty(), "another facility's subscriber gets nothing");
    }
}
