package fr.vigie.domain.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Stock day by day from today: what is on hand, plus the deliveries still trusted on the day they
 * should come (the next at its promised date, later ones after the usual lead time, all shifted by
 * the supplier's current delay, and the orders placed since a notice's interruption began by the
 * notice's delay when longer: {@link SupplyPicture#noticeDelay}), plus the hospital's routine orders
 * (placed on its rhythm, up to its usual days of use, delivered after lead time and delay), minus
 * the use to come. The projected stock-out is the first day that runs dry.
 * <p>
 * When the supplier fails (a delivery overdue beyond its known delay, or orders rationed) neither
 * its promises nor the routine count: only the stock on hand does, and the use planned for is a
 * little busier than forecast. Most alerts missed were closed on a promise that then failed.
 */
public final class CoverageProjection {

    public static final int HORIZON_DAYS = 120;

    /** Days the stock lasts (fractional, {@link #HORIZON_DAYS} at most) and the day it runs dry, or null. */
    public record Result(double coverageDays, LocalDate stockout) {
    }

    private CoverageProjection() {
    }

    public static Result project(long onHand, UseForecast use, SupplyPicture supply) {
        boolean trustPromises = !supply.promiseFailed();
        boolean routine = trustPromises && !supply.rationed();
        boolean failing = supply.failing();
        // a promise dated before its order (a feed's mistake) makes a negative lead: no arrival precedes its order
        int lag = Math.max(0, supply.leadDays() + supply.delayDays());
        double[] arrivals = new double[HORIZON_DAYS + lag + supply.noticeDelayDays() + 2];
        double outstanding = 0;
        boolean head = true;
        for (DeliveryTracker.Order order : supply.outstanding()) {
            outstanding += order.quantity();
            // an order placed since a notice's interruption began comes at the notice's delay when the supplier's own is shorter
            int notice = supply.noticeDelay(order.placed());
            int due = head && supply.expectedDelivery() != null
                    ? offset(supply, supply.expectedDelivery()) + Math.max(supply.lastDelayDays(), notice)
                    : order.placed() == null ? -1 : offset(supply, order.placed()) + lag + Math.max(0, notice - supply.delayDays());
            head = false;
            // due today and not in yet (an hourly snapshot before the van): it comes before tomorrow's use
            if (trustPromises && due >= 0 && due < arrivals.length) {
                arrivals[Math.max(1, due)] += order.quantity();
            }
        }
        int nextOrder = nextOrderDay(supply);
        double stock = onHand;
        for (int d = 1; d <= HORIZON_DAYS; d++) {
            stock += arrivals[d];
            outstanding = Math.max(0, outstanding - arrivals[d]);
            double rate = use.planned(d, failing);
            if (routine && d == nextOrder) {
                // the hospital counts everything on order, late or not, in what it still needs
                double quantity = supply.fill() * Math.max(0, supply.targetDays() * rate - stock - outstanding);
                outstanding += quantity;
                int late = Math.max(0, supply.noticeDelay(supply.today().plusDays(d)) - supply.delayDays());
                arrivals[Math.min(arrivals.length - 1, d + lag + late)] += quantity;
                nextOrder += supply.cadenceDays();
            }
            if (stock < rate) {
                return new Result(d - 1 + stock / rate, supply.today().plusDays(d));
            }
            stock -= rate;
        }
        return new Result(HORIZON_DAYS, null);
    }

    private static int nextOrderDay(SupplyPicture supply) {
        if (supply.lastOrder() == null) {
            return 1;
        }
        int day = offset(supply, supply.lastOrder()) + supply.cadenceDays();
        while (day < 1) {
            day += supply.cadenceDays();
        }
        return day;
    }

    private static int offset(SupplyPicture supply, LocalDate date) {
        return (int) ChronoUnit.DAYS.between(supply.today(), date);
    }
}
