package fr.vigie.domain;

/** One facility/device pair: the unit that has a history, a forecast and an alert level. */
public record SeriesKey(String facilityId, String deviceId) {
    @Override
    public String toString() {
        return facilityId + "#" + deviceId;
    }
}
