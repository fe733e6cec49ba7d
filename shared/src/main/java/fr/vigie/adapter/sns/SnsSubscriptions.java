package fr.vigie.adapter.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Violation;
import fr.vigie.port.Subscriptions;
import fr.vigie.port.Unavailable;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Subscription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The alert topic's subscriptions, the only place where addresses and phone numbers are kept: Vigie
 * has no table of them. A subscription's id is the last part of its ARN (a UUID); what it receives
 * is its filter policy ({@link AlertFilterPolicy}). Raw endpoints never leave this class: what it
 * returns is masked. SNS errors become {@link Refusal} (a parameter SNS refuses) or
 * {@link Unavailable} (anything else).
 */
public final class SnsSubscriptions implements Subscriptions {

    static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final SnsClient sns;
    private final String topicArn;

    public SnsSubscriptions(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** The message attribute that a held subscription's filter asks for, and only its confirmation message carries. */
    public static final String CONFIRMATION = "confirmation";

    @Override
    public Listed subscribe(AlertSubscription s) {
        return subscribe(s, AlertFilterPolicy.of(s));
    }

    @Override
    public Listed subscribeHeld(AlertSubscription s, String hold) {
        return subscribe(s, heldPolicy(s, hold));
    }

    @Override
    public void sendHeld(AlertSubscription s, String hold, String text) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        scopeAttributes(s).forEach((k, v) -> attributes.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        attributes.put(CONFIRMATION, MessageAttributeValue.builder().dataType("String").stringValue(hold).build());
        sns(() -> sns.publish(b -> b.topicArn(topicArn).message(text).messageAttributes(attributes)));
    }

    @Override
    public void activate(String id, AlertSubscription s) {
        sns(() -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(topicArn + ":" + id)
                .attributeName("FilterPolicy").attributeValue(AlertFilterPolicy.of(s))));
    }

    /**
     * A held subscription's filter: {@code {"confirmation":["<hold>"]}} and its scope's key
     * ({@code facilityId} or {@code region}, so that lists show whose it is). No alert carries
     * {@code confirmation}: only the message of {@link #sendHeld} reaches it.
     */
    static String heldPolicy(AlertSubscription s, String hold) {
        ObjectNode policy = Json.MAPPER.createObjectNode();
        policy.putArray(CONFIRMATION).add(hold);
        scopeAttributes(s).forEach((k, v) -> policy.putArray(k).add(v));
        return policy.toString();
    }

    private static Map<String, String> scopeAttributes(AlertSubscription s) {
        return switch (s.scope()) {
            case FACILITY -> Map.of("facilityId", s.target());
            case REGION -> Map.of("region", s.target());
            case NATIONAL -> Map.of();
        };
    }

    private Listed subscribe(AlertSubscription s, String policy) {
        String protocol = protocol(s.channel());
        String arn;
        try {
            arn = sns.subscribe(b -> b.topicArn(topicArn).protocol(protocol).endpoint(s.endpoint())
                    .returnSubscriptionArn(true).attributes(Map.of("FilterPolicy", policy))).subscriptionArn();
        } catch (InvalidParameterException e) {
            String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
            if (message.toLowerCase(Locale.ROOT).contains("already exists")) {
                throw Refusal.exists("cette adresse ou ce numéro est déjà abonné (avec d'autres critères, ou en attente de son code) ; supprimez l'ancien "
                        + "abonnement (DELETE /subscriptions/{id}) avant d'en créer un nouveau", -1);
            }
            throw Refusal.invalid("abonnement refusé par Amazon SNS : " + message, List.of(new Violation(null, "endpoint", message)));
        } catch (SnsException e) {
            throw new Unavailable("SNS", e);
        }
        boolean pending = s.channel() == AlertSubscription.Channel.EMAIL;
        try {
            pending = "true".equals(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes().get("PendingConfirmation"));
        } catch (NotFoundException | UnsupportedOperationException ignored) {
            // some SNS versions only know a pending subscription once confirmed: keep the channel's default
        }
        return listed(idOf(arn), protocol, s.masked(), policy, pending);
    }

    @Override
    public List<Listed> list() {
        return sns(() -> {
            List<Listed> out = new ArrayList<>();
            for (Subscription s : sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn)).subscriptions()) {
                String masked = maskFor(s.protocol(), s.endpoint());
                if (s.subscriptionArn() == null || !s.subscriptionArn().startsWith("arn:")) {
                    out.add(new Listed(null, s.protocol(), masked, null, null, null, true, null));
                    continue;
                }
                Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(s.subscriptionArn())).attributes();
                out.add(listed(idOf(s.subscriptionArn()), s.protocol(), masked, attributes.get("FilterPolicy"),
                        "true".equals(attributes.get("PendingConfirmation"))));
            }
            return out;
        });
    }

    @Override
    public Optional<Listed> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return sns(() -> {
            try {
                Map<String, String> a = sns.getSubscriptionAttributes(b -> b.subscriptionArn(topicArn + ":" + id)).attributes();
                if (!topicArn.equals(a.get("TopicArn"))) {
                    return Optional.empty();
                }
                String protocol = a.get("Protocol");
                return Optional.of(listed(id, protocol, maskFor(protocol, a.get("Endpoint")), a.get("FilterPolicy"),
                        "true".equals(a.get("PendingConfirmation"))));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void unsubscribe(String id) {
        sns(() -> sns.unsubscribe(b -> b.subscriptionArn(topicArn + ":" + id)));
    }

    private static Listed listed(String id, String protocol, String masked, String policy, boolean pending) {
        return new Listed(id, protocol, masked, AlertFilterPolicy.facilityOf(policy).orElse(null),
                AlertFilterPolicy.regionOf(policy).orElse(null), policy, pending, holdOf(policy));
    }

    /** The token of a held subscription's filter, null for any other filter. */
    private static String holdOf(String policy) {
        if (policy == null || !policy.contains("\"" + CONFIRMATION + "\"")) {
            return null;
        }
        try {
            JsonNode hold = Json.MAPPER.readTree(policy).path(CONFIRMATION).path(0);
            return hold.isTextual() ? hold.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static <T> T sns(Supplier<T> call) {
        try {
            return call.get();
        } catch (SnsException e) {
            throw new Unavailable("SNS", e);
        }
    }

    private static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    static String protocol(AlertSubscription.Channel channel) {
        return channel == AlertSubscription.Channel.EMAIL ? "email" : "sms";
    }

    /** Addresses and numbers masked; queues and functions (not personal data) as they are. */
    static String maskFor(String protocol, String endpoint) {
        if (protocol != null && protocol.startsWith("email")) {
            return AlertSubscription.mask(AlertSubscription.Channel.EMAIL, endpoint);
        }
        if ("sms".equals(protocol)) {
            return AlertSubscription.mask(AlertSubscription.Channel.SMS, endpoint);
        }
        return endpoint;
    }
}
