package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What manufacturers' notices in force (spec section 5, status RISK or SHORTAGE) say of a device's
 * supply, as the projection uses it: the notices ({@code noticeIds}, sorted) and one cut per notice,
 * each with the day its interruption began ({@link Cut#start}: the notice's expected start, else its
 * first publication).
 * <p>
 * Each kind weighs on a facility on its own rule (issue 19, "fifth pass" in docs/forecasting.md).
 * A facility whose own record shows its supplier failing (a delivery overdue or late, orders cut) is
 * concerned by both. Otherwise:
 * <ul>
 * <li>a DELAY concerns every facility of the device from its start until one of its orders placed
 * since then came on time and whole, and makes late by its delay the orders placed since its start
 * (the outstanding ones and the routine's reorders): a national delay reaches the orders placed
 * while it lasts, not the delivery already on its way (the samples: 156 of 157 orders placed within
 * a delay came late, 16 of 18 placed before it and due within it on time), so earlier orders keep
 * their promise and a hospital the interruption does not reach is not told its next delivery is late.
 * The start being the manufacturer's estimate, often late (the samples' two RISK notices put it 3
 * days after the true one), the orders placed within the facility's lead time before it count as
 * placed since;</li>
 * <li>an ALLOCATION concerns a facility once a whole ordering cycle has passed since its start without
 * a delivery on time and whole, and cuts the routine's reorders to its share, and what is on order
 * only while the facility's own confirmations do not show the cut yet (a rationing supplier confirms
 * the share: cutting {@code on_order} again counted the cut twice).</li>
 * </ul>
 * The agency's notice names references, not hospitals, and a hospital supplied under another reference
 * keeps receiving (a notice alone alerting every hospital of the device was measured to flood them:
 * docs/notices.md). A notice silent on its figure takes the supplier's own record (the delay or the
 * share its deliveries run with now), else the national disruption's, else the orders it delays are not
 * expected within the projection's horizon (a delay) or half is delivered (a cut, the share under which
 * {@link DeliveryTracker} itself calls orders rationed). A notice never makes the projection more
 * trusting than the facility's own record: a promise already failed stays failed.
 */
public record NoticePressure(List<String> noticeIds, List<Cut> cuts) {

    /**
     * One notice's expected effect from {@code start}: {@code delayDays} for a DELAY, {@code fraction}
     * (0 to 1) for an ALLOCATION; null when silent.
     */
    public record Cut(DisruptionKind kind, LocalDate start, Integer delayDays, Double fraction) {
    }

    public NoticePressure {
        noticeIds = List.copyOf(noticeIds);
        cuts = List.copyOf(cuts);
    }

    /**
     * True when a notice of either kind weighs on this facility (its rule above): the projection then
     * takes the notices' word ({@link #applyTo}) and the alert names them.
     */
    boolean concerns(List<Snapshot> history, SupplyPicture supply) {
        LocalDate good = lastGoodDelivery(history);
        return concernedBy(DisruptionKind.DELAY, good, supply) || concernedBy(DisruptionKind.ALLOCATION, good, supply);
    }

    /**
     * The supply picture as the notices that concern this facility say it will go: each kind applied
     * only where its own rule holds ({@link #concerns}), a DELAY to the orders placed since a lead time
     * before its own start.
     */
    SupplyPicture applyTo(List<Snapshot> history, SupplyPicture s, SupplyDisruptionEvent disruption) {
        // the start is the manufacturer's estimate, often late (the samples' RISK notices: 3 days after the
        // shortage began): an order placed within the facility's lead time before it is already caught
        LocalDate good = lastGoodDelivery(history);
        LocalDate delayFrom = concernedBy(DisruptionKind.DELAY, good, s)
                ? start(DisruptionKind.DELAY).minusDays(Math.max(0, s.leadDays())) : null;
        boolean cut = concernedBy(DisruptionKind.ALLOCATION, good, s);
        int delay = 0;
        double fraction = 1;
        for (Cut c : cuts) {
            if (c.kind() == DisruptionKind.DELAY && delayFrom != null) {
                Integer known = c.delayDays() != null ? c.delayDays()
                        : s.delayDays() > 0 ? Integer.valueOf(s.delayDays())
                        : disruption != null ? disruption.typicalDelayDays() : null;
                delay = Math.max(delay, known != null ? known : CoverageProjection.HORIZON_DAYS);
            } else if (c.kind() == DisruptionKind.ALLOCATION && cut) {
                Double known = c.fraction() != null ? c.fraction()
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
                s.shortFraction(), s.deliveredOnTime(), later ? delayFrom : null, later ? delay : 0);
    }

    /**
     * Whether the notices of {@code kind} weigh on this facility: none of that kind, no; its supplier
     * failing, yes; else, under a DELAY, until a delivery on time and whole has come a lead time or more
     * after the start (the first that can carry an order placed since it); under an ALLOCATION, once a
     * whole ordering cycle has passed since the start without one. {@code good}: the facility's last
     * delivery when it came on time and whole, else null ({@link #lastGoodDelivery}).
     */
    private boolean concernedBy(DisruptionKind kind, LocalDate good, SupplyPicture supply) {
        LocalDate from = start(kind);
        if (from == null) {
            return false;
        }
        if (supply.failing() || supply.lastDelayDays() > 0) {
            return true;
        }
        if (kind == DisruptionKind.DELAY) {
            return good == null || good.isBefore(from.plusDays(supply.leadDays()));
        }
        // silence proves nothing until the facility has had one ordering cycle since the interruption began
        return !supply.today().isBefore(from.plusDays(supply.cadenceDays())) && (good == null || good.isBefore(from));
    }

    /** The earliest start of the notices of {@code kind}, or null when none is of that kind. */
    private LocalDate start(DisruptionKind kind) {
        LocalDate first = null;
        for (Cut c : cuts) {
            if (c.kind() == kind && (first == null || c.start().isBefore(first))) {
                first = c.start();
            }
        }
        return first;
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
