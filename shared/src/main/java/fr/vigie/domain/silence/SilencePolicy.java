package fr.vigie.domain.silence;

import java.time.Duration;

/**
 * How long a sender may stay quiet before Vigie calls it silent, from its usual interval between
 * snapshots: {@code hourlyAfter} for an hourly sender (default 6 h), {@code dailyAfter} for a daily
 * one (default 36 h), linear in between, and one and a half usual intervals beyond a day (a weekly
 * sender is silent after 10.5 days). Both defaults are issue 22's, configurable per deployment.
 */
public record SilencePolicy(Duration hourlyAfter, Duration dailyAfter) {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    public static final SilencePolicy DEFAULT = new SilencePolicy(Duration.ofHours(6), Duration.ofHours(36));

    public SilencePolicy {
        if (hourlyAfter.compareTo(HOUR) <= 0 || dailyAfter.compareTo(DAY) <= 0 || dailyAfter.compareTo(hourlyAfter) < 0) {
            throw new IllegalArgumentException("silence delays must exceed the interval they guard: hourly > 1 h, daily > 24 h, daily >= hourly");
        }
    }

    /** The silence after which a sender whose usual interval is {@code usual} is silent. */
    public Duration silentAfter(Duration usual) {
        if (usual.compareTo(HOUR) <= 0) {
            return hourlyAfter;
        }
        if (usual.compareTo(DAY) >= 0) {
            long scaled = usual.toSeconds() * dailyAfter.toSeconds() / DAY.toSeconds();
            return Duration.ofSeconds(scaled);
        }
        double share = (double) (usual.toSeconds() - HOUR.toSeconds()) / (DAY.toSeconds() - HOUR.toSeconds());
        long seconds = hourlyAfter.toSeconds() + Math.round(share * (dailyAfter.toSeconds() - hourlyAfter.toSeconds()));
        return Duration.ofSeconds(seconds);
    }
}
