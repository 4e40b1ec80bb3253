package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.leak.CycleLeak;

/**
 * Whether the cell was emptied at another rate than in the cycle before: the cycle whose CE compares
 * two different depths of discharge.
 *
 * <p>Physics: a cycle's charge puts back what the previous cycle's discharge took out, down to a
 * cut-off the discharge reached at its own rate; its discharge then returns what its own rate reaches.
 * At one rate the two depths are the same and CE measures the cell's losses. When the emptying step
 * ran at another rate than the one before (the first cycle at a new C-rate, the cycle after a slow
 * diagnostic discharge that went deeper), the two capacities differ by the rate's capacity difference
 * (seen: CE 96.3 % on the cycle after a C/10 discharge, 99.4 % on the first cycle at +13 % discharge
 * current, against a 99.86 % baseline), and the cycle after returns to the cell's own CE. The rate is
 * the emptying step's mean current as the data carry it, capacity over the time its current flowed (a
 * stand inside the step, rows at rest or none, is not that time: {@link CeFluctuationStand} sees it).
 * A leak does not move it: the cycler holds
 * its set current whatever the cell does with it, so a leaking constant-current discharge ends sooner
 * at the very same mean current. The line between a sensor's error and a new rate is
 * {@link SensorOffset#MAX_FRACTION}. The emptying step is the one that lowers |V| (the cell's own
 * orientation), not the charge: a constant-voltage charge tail held up by a leak moves the charge's
 * mean current. Blind: a leak beginning on the very cycle the rate changes is judged a cycle later.
 *
 * <p>A cycle that returned less than the profile's floor is judged all the same (the detector checks)
 * unless the previous emptying's depth explains it ({@link #depthExplains}): a rate's depth difference
 * moves CE by a few points in a cell with fast kinetics (3.7 after a C/10 diagnostic), but a cell whose
 * rate is limited by its electrolyte (a polymer or a solid electrolyte near room temperature, a thick
 * electrode) gives 15–20 % more at C/20 than at its cycling rate, and the cycle after such a diagnostic
 * returns that much less than it took. And a leak taking most of the discharge leaves a step of a few
 * rows, where the capacity over the logged time no longer measures the cycler's current but where the
 * rows fell (seen: a Li-In cell leaking half its current, its discharge's mean current at 0.13 then 7.5
 * times the usual on the two cycles it returned 33 % and 75 %): that move is the leak's, not a new rate.
 */
final class CeFluctuationRate {
    private CeFluctuationRate() {}

    /**
     * True when this cycle's emptying step ran at a mean current more than {@link SensorOffset#MAX_FRACTION}
     * away from the previous complete cycle's; remembers this cycle's.
     */
    static boolean moved(CeFluctuationState state, CycleSummary cycle, CycleLeak.Oriented oriented) {
        double durationS = oriented.chargeRaises() ? cycle.dischargeDurationS() : cycle.chargeDurationS();
        double currentA = durationS > 0 ? 3600 * oriented.downAh() / durationS : Double.NaN;
        double previousA = state.previousDownCurrentA;
        state.previousDownCurrentA = currentA;
        return previousA > 0 && Math.abs(currentA - previousA) > SensorOffset.MAX_FRACTION * previousA;
    }

    /**
     * Whether a cycle under the floor, emptied at another rate than the one before or carrying a stand, lost
     * no more than the previous emptying's extra depth explains. The previous cycle's emptying went deeper
     * than the channel's usual one by e (a slow diagnostic, days held in the discharge step). A charge that
     * ends at a voltage puts that back on top of the cycle's own, so this cycle's charge is larger by e; a
     * charge that ends at a set capacity does not, so this cycle's emptying starts lower and is shorter by e.
     * The cycle is explained when, with e taken out of its charge or given back to its emptying, it returns
     * at least the floor: a leak lengthens the charge and shortens the emptying beyond e, and is judged. Only
     * the depth beyond the usual is excused, so a rate change with no deeper emptying before it is judged as
     * measured.
     *
     * <p>Blind: the pairing holds for cycles that begin with their charge. A cell whose cycle begins with its
     * emptying (an anode half cell lithiated first) refills each emptying within the same cycle; after a slow
     * diagnostic its next cycle is given e it did not need, and a leak beginning there is judged a cycle later.
     * The usual emptying is the capacity reference's: a permanent rate change inside its learning band, not
     * yet learnt, excuses that much more on the cycle after a deeper one.
     *
     * @param previousDownAh what the previous complete cycle's emptying took out (NaN or 0: not known)
     */
    static boolean depthExplains(
            double previousDownAh, CycleLeak.Oriented cycle, CapacityReference reference, double floor) {
        if (!(previousDownAh > 0) || !reference.established()) {
            return false;
        }
        double extraAh = previousDownAh - reference.dischargeAh();
        if (!(extraAh > 0)) {
            return false;
        }
        boolean refilledDeeper = cycle.upAh() > extraAh && cycle.downAh() / (cycle.upAh() - extraAh) >= floor;
        boolean startedLower = (cycle.downAh() + extraAh) / cycle.upAh() >= floor;
        return refilledDeeper || startedLower;
    }

    /** A cycle not compared (after a stand): the next one has nothing to be compared with. */
    static void forget(CeFluctuationState state) {
        state.previousDownCurrentA = Double.NaN;
        state.previousDownAh = Double.NaN;
    }
}
