package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a manufacturer's notice weighs on one facility's projection (issue 19, "fifth pass" in
 * docs/forecasting.md): a DELAY makes late only the orders placed since its interruption began, and
 * holds every facility concerned until one of those orders comes on time; an ALLOCATION does not cut
 * again what the supplier already confirmed under it.
 */
class NoticePressureTest {

    private static final String FACILITY = "CH-TEST-01";
    private static final String DEVICE = "HFNC-PED";

    private static NoticePressure delay(int startDay, int days) {
        return new NoticePressure(List.of("DM-2025-0001"), List.of(delayCut(startDay, days)));
    }

    private static NoticePressure.Cut delayCut(int startDay, int days) {
        return new NoticePressure.Cut(DisruptionKind.DELAY, SimulatedHospital.START.plusDays(startDay), days, null);
    }

    private static NoticePressure.Cut allocationCut(int startDay, double fraction) {
        return new NoticePressure.Cut(DisruptionKind.ALLOCATION, SimulatedHospital.START.plusDays(startDay), null, fraction);
    }

    private static double coverage(List<Snapshot> history, SupplyPicture supply) {
        Snapshot today = history.get(history.size() - 1);
        return CoverageProjection.project(today.onHand(), UseForecast.fit(history, ZoneOffset.UTC), supply).coverageDays();
    }

    @Test
    void aDelayNoticeMakesLateTheOrdersPlacedSinceItsStartAndNotTheOnesBefore() {
        // a steady 100 a day, ordered every 7 days (day 35 the last), delivered 5 days later: read on day 37
        List<Snapshot> history = new SimulatedHospital(d -> 100).run(FACILITY, DEVICE, 38);
        SupplyPicture supply = DeliveryTracker.read(history, ZoneOffset.UTC);
        assertEquals(SimulatedHospital.START.plusDays(35), supply.lastOrder());

        double plain = coverage(history, supply);
        // the notice's start, an estimate, is pulled a lead time (5 days) earlier: an interruption
        // estimated from day 41 reaches the orders placed from day 36, one estimated from day 38 those from 33
        SupplyPicture afterTheOrder = delay(41, 40).applyTo(history, supply, null);
        SupplyPicture beforeTheOrder = delay(38, 40).applyTo(history, supply, null);
        double sparedOrder = coverage(history, afterTheOrder);
        double lateOrder = coverage(history, beforeTheOrder);

        assertEquals(0, afterTheOrder.noticeDelay(SimulatedHospital.START.plusDays(35)), "placed before the start: its promise holds");
        assertEquals(40, afterTheOrder.noticeDelay(SimulatedHospital.START.plusDays(42)), "the next reorder comes 40 days late");
        assertTrue(plain > sparedOrder, "the routine's next reorders are late: " + plain + " vs " + sparedOrder);
        assertTrue(sparedOrder > lateOrder + 1, "the order already placed before the start still comes on its date: "
                + sparedOrder + " vs " + lateOrder);
    }

    @Test
    void underADelayEveryFacilityIsConcernedUntilAnOrderPlacedSinceTheStartComesOnTime() {
        int start = 30;
        NoticePressure notice = delay(start, 20);
        // on time throughout: concerned at first (nothing shows yet that it escapes the delay) ...
        List<Snapshot> early = new SimulatedHospital(d -> 100).run(FACILITY, DEVICE, start + 4);
        assertTrue(notice.concerns(early, DeliveryTracker.read(early, ZoneOffset.UTC)));
        // ... and no more once the order placed on day 35, after the start, came on its date (day 40)
        List<Snapshot> onTime = new SimulatedHospital(d -> 100).run(FACILITY, DEVICE, 42);
        assertFalse(notice.concerns(onTime, DeliveryTracker.read(onTime, ZoneOffset.UTC)));
        // reached by the delay: that order is overdue, and the facility stays concerned
        List<Snapshot> late = new SimulatedHospital(d -> 100).delayFrom(start, 20).run(FACILITY, DEVICE, 42);
        assertTrue(notice.concerns(late, DeliveryTracker.read(late, ZoneOffset.UTC)));
    }

    @Test
    void anAllocationDoesNotCutAgainWhatTheSupplierAlreadyConfirmedUnderIt() {
        NoticePressure allocation = new NoticePressure(List.of("DM-2025-0002"), List.of(allocationCut(28, 0.3)));
        // orders confirmed at 30 % from day 28: on order is already what the allocation gives
        List<Snapshot> rationed = new SimulatedHospital(d -> 100).rationFrom(28, 0.3).run(FACILITY, DEVICE, 38);
        SupplyPicture cut = DeliveryTracker.read(rationed, ZoneOffset.UTC);
        assertTrue(cut.fill() < 1, "its own confirmations show the cut: fill " + cut.fill());
        assertEquals(onOrder(cut), onOrder(allocation.applyTo(rationed, cut, null)), 1e-9);
        // confirmed whole, its delivery now overdue: what is on order may still be cut, and the notice says by how much
        List<Snapshot> stopped = new SimulatedHospital(d -> 100).delayFrom(28, 20).run(FACILITY, DEVICE, 38);
        SupplyPicture full = DeliveryTracker.read(stopped, ZoneOffset.UTC);
        assertEquals(1, full.fill(), 1e-9);
        SupplyPicture pressed = allocation.applyTo(stopped, full, null);
        assertEquals(onOrder(full) * 0.3, onOrder(pressed), 1e-6);
        assertEquals(0.3, pressed.fill(), 1e-9, "the routine's reorders are cut to the share");
        assertNull(pressed.noticeFrom(), "an allocation makes no order late");
    }

    @Test
    void eachKindWeighsFromItsOwnStartAndOnItsOwnRule() {
        List<Snapshot> history = new SimulatedHospital(d -> 100).run(FACILITY, DEVICE, 38);
        SupplyPicture supply = DeliveryTracker.read(history, ZoneOffset.UTC);
        // an allocation since day 7 beside a delay since day 41: the delay dates from its own start, less a lead time
        NoticePressure both = new NoticePressure(List.of("DM-2025-0001", "DM-2025-0002"), List.of(allocationCut(7, 0.3), delayCut(41, 20)));
        SupplyPicture pressed = both.applyTo(history, supply, null);
        assertEquals(0, pressed.noticeDelay(SimulatedHospital.START.plusDays(35)), "placed before the delay began");
        assertEquals(20, pressed.noticeDelay(SimulatedHospital.START.plusDays(42)));
        // a facility supplied on time since the allocation began is not cut by it, a delay beside it or not
        assertEquals(onOrder(supply), onOrder(pressed), 1e-9);
        assertEquals(1, pressed.fill(), 1e-9);
        NoticePressure noDelay = new NoticePressure(List.of("DM-2025-0001", "DM-2025-0002"), List.of(allocationCut(36, 0.3), delayCut(36, 0)));
        assertEquals(onOrder(supply), onOrder(noDelay.applyTo(history, supply, null)), 1e-9,
                "the allocation waits its ordering cycle, whatever the delay's rule says");
    }

    private static double onOrder(SupplyPicture s) {
        return s.outstanding().stream().mapToDouble(DeliveryTracker.Order::quantity).sum();
    }
}
