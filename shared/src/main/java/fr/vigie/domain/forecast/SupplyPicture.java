package fr.vigie.domain.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * What a series' history says of its supply on {@code today}: the orders outstanding (oldest
 * first), the next promised date and how many days it is overdue, how late the last delivery came,
 * the hospital's routine (an order every {@code cadenceDays}, delivered {@code leadDays} later, up
 * to {@code targetDays} of use), the share of what the routine needed that recent orders obtained
 * ({@code fill}), and what today's snapshot revealed: an order placed ({@code fillToday}), a
 * delivery cut short ({@code shortFraction}), a delivery on time; and what a manufacturer's DELAY
 * notice in force adds ({@link NoticePressure}): orders placed on or after {@code noticeFrom} come
 * {@code noticeDelayDays} after their promise ({@code null} and 0 without one).
 */
public record SupplyPicture(
        LocalDate today,
        List<DeliveryTracker.Order> outstanding,
        LocalDate expectedDelivery,
        int overdueDays,
        int lastDelayDays,
        int cadenceDays,
        int leadDays,
        double targetDays,
        double fill,
        LocalDate lastOrder,
        Double fillToday,
        Double shortFraction,
        boolean deliveredOnTime,
        LocalDate noticeFrom,
        int noticeDelayDays) {

    /**
     * True when the next delivery is overdue and already as late as the last one came: the supplier
     * is not merely running its known delay, and no promise of it can be trusted until it delivers.
     */
    public boolean promiseFailed() {
        return overdueDays > 0 && overdueDays >= lastDelayDays;
    }

    /** True when the supplier gives less than the routine asks. */
    public boolean rationed() {
        return fill < DeliveryTracker.CUT_FILL || shortFraction != null;
    }

    /** True when anything is wrong with supply: a delivery overdue, an order or a delivery cut. */
    public boolean failing() {
        return overdueDays > 0 || rationed();
    }

    /**
     * Days a notice in force expects an order placed on {@code placed} to come after its promise: the
     * notice's delay for an order placed on or after {@code noticeFrom}, else 0 (an order placed before
     * the interruption, or one of unknown date, keeps its promise).
     */
    public int noticeDelay(LocalDate placed) {
        return noticeFrom != null && placed != null && !placed.isBefore(noticeFrom) ? noticeDelayDays : 0;
    }

    /** The delay deliveries are expected to run with: the last one's, or longer if the next is later still. */
    public int delayDays() {
        return Math.max(lastDelayDays, overdueDays);
    }
}
