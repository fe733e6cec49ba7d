package fr.vigie.adapter.sns;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertChannels;
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
        SnsAlertChannels channels = new SnsAlertChannels(sns(), topic,
                id -> Optional.ofNullable(Map.of("CHU-IDF-01", "11", "CH-HDF-03", "32").get(id)));

        AlertEvent critical = event("CHU-IDF-01", AlertLevel.CRITICAL);
        channels.alert(new AlertChannels.Notice(critical, HFNC), true);
        channels.alert(new AlertChannels.Notice(event("CH-HDF-03", AlertLevel.WARNING), HFNC), true);

        List<Message> got = chu.receive(1, Duration.ofSeconds(5));
        assertEquals(1, got.size());
        assertEquals(critical, AlertEventJson.readAlert(SnsProbe.bodyFor(got.get(0), "sqs")));
        JsonNode body = Json.MAPPER.readTree(SnsProbe.bodyFor(got.get(0), "sqs"));
        assertEquals("CRITICAL", body.get("level").asText());
        assertTrue(SnsProbe.bodyFor(got.get(0), "email").contains("Stock disponible : 120"));
        String sms = SnsProbe.bodyFor(got.get(0), "sms");
        // level and day first, then the facility and the device by name (issue 22); a channel without registry names the facility by id
        assertTrue(sms.startsWith("Vigie CRITIQUE ") && sms.contains(" CHU-IDF-01, " + AlertTexts.toGsm7(HFNC.name()) + " : "), sms);
        assertEquals(List.of("CHU-IDF-01"), idf.receive(1, Duration.ofSeconds(5)).stream()
                .map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs")).facilityId()).toList());
        if (filtersOnStringArrays()) {
            assertEquals(2, bronchiolitis.receive(2, Duration.ofSeconds(5)).size());
        }
        assertEquals("[\"BRONCHIOLITIS\"]", got.get(0).messageAttributes().get("epidemics").stringValue());
        assertEquals("CRITICAL", got.get(0).messageAttributes().get("level").stringValue());
        assertTrue(other.receive(1, Duration.ofSeconds(2)).isEmpty(), "another facility's subscriber gets nothing");
    }

    /**
     * Issue 17, "a subject SNS refuses": real SNS rejects a subject with control characters or line
     * breaks, or of 100 characters or more, which would leave every alert of the device pending. Names
     * carrying every kind of control character go out with subjects SNS accepts, their words kept.
     */
    @Test
    void subjectsBuiltFromNamesWithControlCharactersAreOnesSnsAccepts() throws Exception {
        String topic = sns().createTopic(b -> b.name("subjects-" + UUID.randomUUID())).topicArn();
        SnsProbe inbox = SnsProbe.subscribeEnveloped(sns(), sqs(), topic);
        String name = "Canule\u0000nasale\thaut\u0007debit\r\n\u001b[31mpediatrique\u007f\u0085\u2028XL" + "-".repeat(60) + "\u0001";
        WatchlistEntry device = new WatchlistEntry("HFNC-PED", name, Set.of(Epidemic.BRONCHIOLITIS), "piece", null, null,
                new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true);
        SnsAlertChannels channels = new SnsAlertChannels(sns(), topic, id -> Optional.of("11"));
        AlertEvent critical = event("CHU-IDF-01", AlertLevel.CRITICAL);
        AlertEvent other = new AlertEvent(AlertEvent.alertId("CHU-IDF-01", "FFP2", critical.at()), "CHU-IDF-01", "FFP2",
                AlertLevel.CRITICAL, null, critical.at(), 3.0, LocalDate.of(2025, 11, 5), 30, 10, List.of(Reason.COVERAGE_BELOW_CRITICAL));

        channels.alert(new AlertChannels.Notice(critical, device), true);
        channels.digest(List.of(new AlertChannels.Notice(critical, device), new AlertChannels.Notice(other, device)));
        channels.reminder(new AlertChannels.Notice(critical, device), critical.at().plus(Duration.ofDays(3)));

        List<Message> got = inbox.receive(3, Duration.ofSeconds(5));
        assertEquals(3, got.size());
        List<String> subjects = new java.util.ArrayList<>();
        for (Message m : got) {
            subjects.add(Json.MAPPER.readTree(m.body()).get("Subject").asText());
        }
        for (String subject : subjects) {
            assertTrue(subject.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR), subject);
            assertTrue(subject.length() < 100, subject.length() + " characters: " + subject);
            assertTrue(subject.startsWith("[Vigie] "), subject);
        }
        assertTrue(subjects.contains(("[Vigie] CRITIQUE - CHU-IDF-01 - Canule nasale haut debit [31mpediatrique XL" + "-".repeat(60))
                .substring(0, 99)), subjects.toString());
        assertTrue(subjects.contains("[Vigie] CRITIQUE - CHU-IDF-01 - 2 dispositifs"), subjects.toString());
    }
}
