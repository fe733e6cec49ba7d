package fr.vigie.port;

import fr.vigie.domain.AlertSubscription;

import java.util.List;
import java.util.Optional;

/**
 * Who receives alerts, where the addresses live (the alert topic's subscriptions): subscribe,
 * list, find, remove. Endpoints that come out are masked; raw ones never leave the adapter. A
 * subscription the service refuses is a {@code Refusal} (EXISTS for an address already subscribed
 * with other criteria, INVALID otherwise); a service that does not answer is {@link Unavailable}.
 */
public interface Subscriptions {

    /**
     * One subscription as the API shows it. {@code id} is null while the service hides it (an email
     * awaiting confirmation); {@code protocol} is "email", "sms" or a technical one ("sqs", "lambda");
     * {@code facilityId} and {@code region} are what its filter restricts it to (null: not restricted);
     * {@code filterPolicy} its JSON filter; {@code hold} the token of an SMS subscription held until its
     * code comes back (null for any other).
     */
    record Listed(String id, String protocol, String endpoint, String facilityId, String region, String filterPolicy,
                  boolean pendingConfirmation, String hold) {

        /** An SMS subscription awaiting its code: it receives nothing else. */
        public boolean held() {
            return hold != null;
        }

        /** An email or SMS subscription (made through the API), not a queue or a function the infrastructure owns. */
        public boolean managedHere() {
            return "email".equals(protocol) || "sms".equals(protocol);
        }
    }

    Listed subscribe(AlertSubscription subscription);

    /**
     * Subscribes {@code subscription}'s endpoint held back: its filter matches only the messages
     * carrying the attribute {@code confirmation = hold} (no alert does), so nothing is delivered to
     * it but its confirmation code, until {@link #activate}.
     */
    Listed subscribeHeld(AlertSubscription subscription, String hold);

    /** Sends {@code text} to the held subscription {@code hold} only (and to nothing else on the topic). */
    void sendHeld(AlertSubscription subscription, String hold, String text);

    /** Gives a held subscription the filter of {@code subscription}: from now on it receives its alerts. */
    void activate(String id, AlertSubscription subscription);

    List<Listed> list();

    /** The subscription of that id on the alert topic; empty for an unknown or malformed id. */
    Optional<Listed> find(String id);

    void unsubscribe(String id);
}
