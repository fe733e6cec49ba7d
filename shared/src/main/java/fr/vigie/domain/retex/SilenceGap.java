package fr.vigie.domain.retex;

import fr.vigie.domain.Facility;

import java.time.LocalDate;

/**
 * One silence of the season (a STALE_DATA event, issue 22), in the facility's calendar.
 *
 * @param deviceId        null when the whole facility was silent
 * @param lastSnapshot    the day of its last snapshot before the silence
 * @param noticedOn       the day the silence was announced
 * @param backOn          the day data came back, null if it never did in the season
 * @param daysWithoutData whole days without data between the last snapshot and the return (or the season's last day of data)
 */
public record SilenceGap(Facility facility, String deviceId, LocalDate lastSnapshot, LocalDate noticedOn, LocalDate backOn,
                         long daysWithoutData) {
}
