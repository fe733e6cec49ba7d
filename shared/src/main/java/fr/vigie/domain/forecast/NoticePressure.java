package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What manufacturers' notices in force (spec section 5, status RISK or SHORTAGE) say of a device's
 * supply, as the projection uses it: the notices ({@code noticeIds}, sorted), the day from which a
 * facility's own deliveries can prove it is not concerned ({@code since}: the earliest expected
 * start, else the earliest publication), and one cut per notice.
 * <p>
 * A facility is concerned when its own record shows its supplier failing (a delivery overdue or
 * late, orders cut); under a DELAY notice, until a delivery of an order placed since {@code since}
 * came on time and whole; under an ALLOCATION, once a whole ordering cycle has passed since
 * {@code since} without a delivery that came on time and whole: the agency's notice names
 * references, not hospitals, and a hospital supplied under another reference keeps receiving (a
 * notice alone alerting every hospital of the device was measured to flood them: docs/notices.md).
 * For a concerned facility the orders placed since the interruption began are projected late by the
 * notice's delay (issue 19: earlier orders keep their promise, so every facility can be concerned
 * from the start without its next delivery read as late), or the reorders cut to its allocation; a notice silent on
 * it takes the supplier's own record (the delay or the share its deliveries run with now), else the
 * national disruption's, else no promise is trusted (a delay) or half is delivered (a cut, the share
 * under which {@link DeliveryTracker} itself calls orders rationed). A notice never makes the
 * projection more trusting than the facility's own record: a promise already failed stays failed.
 */
public record NoticePressure(List<String> noticeIds, LocalDate since, List<Cut> cuts) {

    /** One notice's expected effect: {@code delayDays} for a DELAY, {@code fraction} (0 to 1) for an ALLOCATION; null when silent. */
    public record Cut(DisruptionKind kind, Integer delayDays, Double fraction) {
    }

    public NoticePressure {
        noticeIds = List.copyOf(noticeIds);
        cuts = List.copyOf(cuts);
    }

    /**
     * True when this facility's history does not show it supplied normally since the interruption
     * began. Under a DELAY notice, only a delivery on time and whole of an order placed since then
     * shows it (one arriving a lead time or more after {@code since}): the deliveries of earlier
     * orders come on time at the hospitals the interruption reaches too. Under ALLOCATION notices
     * alone, a whole ordering cycle without a good delivery since {@code since} makes it concerned.
     */
    boolean concerns(List<Snapshot> history, SupplyPicture supply) {
        if (supply.failing() || supply.lastDelayDays() > 0) {
            return true;
        }
        LocalDate good = lastGoodDelivery(history);
        if (cuts.stream().anyMatch(c -> c.kind() == DisruptionKind.DELAY)) {
            return good == null || good.isBefore(since.plusDays(supply.leadDays()));
        }
        // silence proves nothing until the facility has had one ordering cycle since the interruption began
        if (supply.today().isBefore(since.plusDays(supply.cadenceDays()))) {
            return false;
        }
        return good == null || good.isBefore(since);
    }

    /**
     * The supply picture as the notices say it will go: a DELAY's orders placed since {@code since}
     * come late by its delay (the supplier's own record still rules its earlier orders); an
     * ALLOCATION cuts the routine's reorders to its share, and the outstanding orders too while the
     * facility's own confirmations do not show the cut yet (once they do, what is on order is what the
     * supplier confirmed under the allocation: cutting it again counted the cut twice).
     */
    SupplyPicture applyTo(SupplyPicture s, SupplyDisruptionEvent disruption) {
        int delay = 0;
        double fraction = 1;
        for (Cut cut : cuts) {
            if (cut.kind() == DisruptionKind.DELAY) {
                Integer known = cut.delayDays() != null ? cut.delayDays()
                        : s.delayDays() > 0 ? Integer.valueOf(s.delayDays())
                        : disruption != null ? disruption.typicalDelayDays() : null;
                delay = Math.max(delay, known != null ? known : CoverageProjection.HORIZON_DAYS);
            } else {
                Double known = cut.fraction() != null ? cut.fraction()
                        : s.fill() < 1 ? Double.valueOf(s.fill())
                        : disruption != null ? disruption.deliveredFraction() : null;
                fraction = Math.min(fraction, known != null ? known : DeliveryTracker.CUT_FILL);
            }
        }
        // a promise already failed stays failed: the projection trusts none of that supplier's anyway
        boolean later = delay > s.lastDelayDays() && !s.promiseFailed();
        double outstandingCut = s.fill() < 1 ? 1 : fraction;
        List<DeliveryTracker.Order> orders = new ArrayList<>();
        for (DeliveryTracker.Order o : s.outstanding()) {
            orders.add(new DeliveryTracker.Order(o.placed(), o.quantity() * outstandingCut));
        }
        return new SupplyPicture(s.today(), orders, s.expectedDelivery(), s.overdueDays(), s.lastDelayDays(), s.cadenceDays(),
                s.leadDays(), s.targetDays(), Math.min(s.fill(), fraction), s.lastOrder(), s.fillToday(),
                s.shortFraction(), s.deliveredOnTime(), later ? since : null, later ? delay : 0);
    }

    /**
     * The day of the last delivery when it came on time (no snapshot on or after its promised day
     * still waiting, as {@link DeliveryTracker} counts delays) and whole (nothing cancelled), else null.
     */
    private static LocalDate lastGoodDelivery(List<Snapshot> history) {
        for (int i = history.size() - 1; i >= 1; i--) {
            Snapshot prev = history.get(i - 1);
            Snapshot cur = history.get(i);
            long received = cur.receivedOrZero();
            if (received > 0) {
                boolean late = prev.expectedDelivery() != null && !UseForecast.date(prev, SeriesEvaluator.zoneOf(prev.facilityId())).isBefore(prev.expectedDelivery());
                boolean cut = cur.onOrderOrZero() < prev.onOrderOrZero() - received;
                return late || cut ? null : UseForecast.date(cur, SeriesEvaluator.zoneOf(cur.facilityId()));
            }
        }
        return null;
    }
}
