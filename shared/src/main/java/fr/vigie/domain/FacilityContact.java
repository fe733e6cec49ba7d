package fr.vigie.domain;

/**
 * Who to call at a facility about its stock: a service (e.g. the hospital pharmacy's functional
 * mailbox and switchboard) rather than a person where possible. Every field may be null. Email and
 * phone are personal data when they name a person: only operators read them (docs/watchlist.md).
 */
public record FacilityContact(String name, String email, String phone) {

    public boolean isEmpty() {
        return name == null && email == null && phone == null;
    }
}
