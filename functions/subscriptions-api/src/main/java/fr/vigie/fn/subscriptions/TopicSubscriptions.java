package fr.vigie.fn.subscriptions;

import fr.vigie.adapter.sns.AlertFilterPolicy;
import fr.vigie.domain.AlertSubscription;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The alert topic's subscriptions, the only place where addresses and phone numbers are kept: Vigie
 * has no table of them. A subscription's id is the last part of its ARN (a UUID); what it receives
 * is its filter policy ({@link AlertFilterPolicy}). Raw endpoints never leave this class: what it
 * returns is masked.
 */
final class TopicSubscriptions {

    static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** One subscription as the API shows it; {@code id} is null while SNS hides it (email awaiting confirmation). */
    record Listed(String id, String protocol, String endpoint, String filterPolicy, boolean pendingConfirmation) {
        Optional<String> facility() {
            return AlertFilterPolicy.facilityOf(filterPolicy);
        }

        boolean managedHere() {
            return "email".equals(protocol) || "sms".equals(protocol);
        }
    }

    private final SnsClient sns;
    private final String topicArn;

    TopicSubscriptions(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    Listed subscribe(AlertSubscription s) {
        String protocol = protocol(s.channel());
        String policy = AlertFilterPolicy.of(s);
        String arn = sns.subscribe(b -> b.topicArn(topicArn).protocol(protocol).endpoint(s.endpoint())
                .returnSubscriptionArn(true).attributes(Map.of("FilterPolicy", policy))).subscriptionArn();
        boolean pending = s.channel() == AlertSubscription.Channel.EMAIL;
        try {
            pending = "true".equals(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes().get("PendingConfirmation"));
        } catch (NotFoundException | UnsupportedOperationException ignored) {
            // some SNS versions only know a pending subscription once confirmed: keep the channel's default
        }
        return new Listed(idOf(arn), protocol, s.masked(), policy, pending);
    }

    List<Listed> list() {
        List<Listed> out = new ArrayList<>();
        for (Subscription s : sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn)).subscriptions()) {
            String masked = maskFor(s.protocol(), s.endpoint());
            if (s.subscriptionArn() == null || !s.subscriptionArn().startsWith("arn:")) {
                out.add(new Listed(null, s.protocol(), masked, null, true));
                continue;
            }
            Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(s.subscriptionArn())).attributes();
            out.add(new Listed(idOf(s.subscriptionArn()), s.protocol(), masked, attributes.get("FilterPolicy"),
                    "true".equals(attributes.get("PendingConfirmation"))));
        }
        return out;
    }

    Optional<Listed> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try {
            Map<String, String> a = sns.getSubscriptionAttributes(b -> b.subscriptionArn(topicArn + ":" + id)).attributes();
            if (!topicArn.equals(a.get("TopicArn"))) {
                return Optional.empty();
            }
            String protocol = a.get("Protocol");
            return Optional.of(new Listed(id, protocol, maskFor(protocol, a.get("Endpoint")),
                    a.get("FilterPolicy"), "true".equals(a.get("PendingConfirmation"))));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    void unsubscribe(String id) {
        sns.unsubscribe(b -> b.subscriptionArn(topicArn + ":" + id));
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
