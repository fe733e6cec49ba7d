package fr.vigie.domain;

/**
 * A facility of the registry as received, before validation: every field may be missing (null)
 * or wrong; numbers are kept as text so that "abc" can be reported. {@code source} is null when
 * the facility only pushes its reports.
 */
public record FacilityDraft(
        String facilityId,
        String name,
        String region,
        FacilityContact contact,
        Source source) {

    /** The stock source as received: type, URL, timeout and the reference (name or ARN) of a secret. */
    public record Source(String type, String url, String timeoutMillis, String secretRef) {
    }
}
