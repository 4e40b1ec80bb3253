package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.leak.CycleLeak;

/**
 * Tells a current-sensor offset from a leak, and takes it out of a cycle's capacities.
 *
 * <p>Physics: a cycler applies its set current and counts capacity from what its sensor reads. An
 * offset x in the reading (zero drift of a shunt or Hall sensor) adds x to every reading, so the
 * charge step reads I + x and the discharge step −I + x: the mean current of the charge step
 * (capacity over duration) moves up by x and that of the discharge step down by x, and CE moves by
 * about −2x/I, a step as large as a leak's. A leak does not touch the applied current: a cell with a
 * parasitic path takes longer to charge and shorter to discharge at the very same current, so both
 * steps' mean currents stay where they were. Equal and opposite shifts of the two mean currents are
 * therefore an offset, and the capacities it counted wrongly are x times each step's duration. A gain
 * error (calibration drift) or a rate change moves both mean currents the same way and is left alone
 * (a gain error scales both capacities alike and leaves CE as it is).
 *
 * <p>The usual mean currents are learnt from cycles judged in the CE band with no offset found. The
 * offset is read from the step whose mean current is the steadier (a constant-current step's), and
 * counts when it moved by more than {@link #SIGNIFICANT_DEVIATIONS} times its own cycle-to-cycle
 * scatter while the other step moved the opposite way by much the same ({@link #SAME_SHIFT}; a
 * constant-voltage tail reads the offset too, and its share of the step moves with fade over tens of
 * cycles, so once the offset holds that step no longer has to confirm it).
 * Blind spot: an offset present from the first cycle is part of the baseline (CE is judged against
 * itself, so it does no harm); a leak that happens to begin together with a rate change that moves
 * the two currents apart by nearly equal amounts would be taken for an offset; an offset on a cycler that
 * ends its constant-voltage steps on the current it reads moves that step's tail at once (the cut-off moves
 * by x), so its mean current may move by much less than x, and is not taken for an offset when it first
 * shows (then CE shows it, as a leak would); one appearing mid-step is read on the first cycle both steps
 * carry it.
 */
public final class SensorOffset {
    /**
     * A mean current steadier than its scatter: a cycler regulates its current to 0.01–0.05 % of its
     * range, so the scatter of a step's mean current comes from where the rows fall; six of its mean
     * absolute deviations (as the CE band) is far outside it.
     */
    static final double SIGNIFICANT_DEVIATIONS = 6;

    /** Shifts under a ten-thousandth of the current are below any sensor's resolution. */
    static final double RESOLUTION = 1e-4;

    /**
     * The largest shift taken for an offset, as a fraction of the usual mean current: cycler current
     * accuracy is specified at 0.02–0.1 % of the range, a few percent of a test current at most, while
     * labs change rates by 10 % or more (C/20, C/10, C/5…). A larger opposite shift is a new protocol
     * (a faster charge with a slower discharge), not an offset.
     */
    static final double MAX_FRACTION = 0.05;

    /**
     * How far the steadier step's shift may move from the offset held and still be that offset, as a
     * fraction of it: a sensor's zero drifts over days, not by a quarter from one cycle to the next,
     * while a shift made by where the rows fell at a step's end (a short ending a discharge sooner)
     * comes and goes at random.
     */
    static final double HELD_SPREAD = 0.25;

    /**
     * How far the other step's shift may lie from the steadier's when an offset first shows, as a fraction of
     * it (beyond the other step's own scatter): an offset adds the same x to every reading, so at its appearance
     * both mean currents move by x, the constant-voltage tail's share of a step moving with fade over tens of
     * cycles, not at once. A rate change that moves one step by 1.5 % and the other by a quarter of a percent
     * the other way (its tail's share) is a new protocol: read as an offset, it took 3 points off what a healthy
     * graphite half cell returned (seen on a replicate group's rate change).
     */
    static final double SAME_SHIFT = 0.5;

    /** Weight of a new cycle in the usual mean currents (as the CE baseline's). */
    static final double ALPHA = 0.1;

    /** Cycles of usual currents needed before a shift is judged. */
    static final int LEARN_CYCLES = 5;

    Ewma chargeCurrentA = new Ewma();
    Ewma dischargeCurrentA = new Ewma();
    /** The offset found on the previous cycle judged (0 when none): an offset once confirmed holds. */
    double heldOffsetA;

    public SensorOffset() {
        // for the state-store codec
    }

    /**
     * The offset this cycle's currents show (amperes added to every reading, signed as the cycler
     * signs current), or 0 when they show none.
     */
    double offsetA(CycleSummary cycle) {
        double[] now = meanCurrents(cycle);
        if (now == null || chargeCurrentA.count() < LEARN_CYCLES || dischargeCurrentA.count() < LEARN_CYCLES) {
            return 0;
        }
        double charge = now[0] - chargeCurrentA.mean(); // the charge reads I + x: moves by +x
        double discharge = dischargeCurrentA.mean() - now[1]; // the discharge reads |−I + x| = I − x: moves by −x
        // The offset is read from the steadier step: a constant-current step's mean current is the set
        // current plus the offset exactly, while a constant-voltage tail's share of a step moves with fade,
        // so the other step has to confirm it when it first shows (the same shift, within half of it beyond its
        // own scatter), and no longer once it holds.
        boolean chargeSteadier = relativeScatter(chargeCurrentA) <= relativeScatter(dischargeCurrentA);
        double steady = chargeSteadier ? charge : discharge;
        double other = chargeSteadier ? discharge : charge;
        Ewma steadyUsual = chargeSteadier ? chargeCurrentA : dischargeCurrentA;
        Ewma otherUsual = chargeSteadier ? dischargeCurrentA : chargeCurrentA;
        boolean steadySized = Math.abs(steady) <= MAX_FRACTION * Math.abs(steadyUsual.mean());
        boolean stillThere = Math.abs(steady - heldOffsetA)
                <= HELD_SPREAD * Math.abs(heldOffsetA) + SIGNIFICANT_DEVIATIONS * steadyUsual.meanAbsDeviation();
        if (heldOffsetA != 0 && stillThere && significant(steady, steadyUsual)) {
            // An offset found before holds while the steadier step still reads it: a sensor's zero drift
            // persists, and the other step's mean current no longer has to confirm it. That step is the one
            // with a constant-voltage tail, whose share of the step moves with fade by as much as the
            // offset itself over a few dozen cycles (seen: the charge's mean current back at its usual
            // 50 cycles after a +0.5 % offset while the rests read the offset unchanged). A leak does not
            // move the steadier step's mean current, so it still shows against the corrected baseline.
            // Only the steadier step's shift is the offset's size: the usual currents are not learnt while an
            // offset holds, so the tailed step's mean current drifts from its usual with fade, by more than
            // the offset line over a long run (seen: a Li-metal cell's CC-CV charge 5 % under its usual
            // 250 cycles after a +0.9 % offset, its constant-current discharge still reading exactly that).
            heldOffsetA = steadySized ? steady : 0;
            return heldOffsetA;
        }
        // The two mean currents moving apart by the same amount is an offset; both the same way, a gain or a rate.
        boolean opposite = Math.signum(charge) == Math.signum(discharge);
        boolean offsetSized = steadySized && Math.abs(other) <= MAX_FRACTION * Math.abs(otherUsual.mean());
        boolean sameShift = Math.abs(other - steady)
                <= SAME_SHIFT * Math.abs(steady) + SIGNIFICANT_DEVIATIONS * otherUsual.meanAbsDeviation();
        boolean shown = opposite
                && sameShift
                && significant(steady, steadyUsual)
                && Math.abs(other) > RESOLUTION * Math.abs(otherUsual.mean());
        heldOffsetA = offsetSized && shown ? steady : 0;
        return heldOffsetA;
    }

    /** The cycle's capacities with the offset's share taken out, in the cell's orientation. */
    static CycleLeak.Oriented corrected(CycleSummary cycle, CycleLeak.Oriented oriented, double offsetA) {
        if (offsetA == 0) {
            return oriented;
        }
        double chargeAh = cycle.chargeAh() - offsetA * cycle.chargeDurationS() / 3600;
        double dischargeAh = cycle.dischargeAh() + offsetA * cycle.dischargeDurationS() / 3600;
        return oriented.chargeRaises()
                ? new CycleLeak.Oriented(chargeAh, dischargeAh, true)
                : new CycleLeak.Oriented(dischargeAh, chargeAh, false);
    }

    /** Folds a cycle judged healthy (in its CE band, no offset found) into the usual currents. */
    void learn(CycleSummary cycle) {
        double[] now = meanCurrents(cycle);
        if (now != null) {
            chargeCurrentA.add(now[0], ALPHA);
            dischargeCurrentA.add(now[1], ALPHA);
        }
    }

    /** The offset held is not one (it did not explain the cycle's CE): found afresh or not at all. */
    void forget() {
        heldOffsetA = 0;
    }

    /** A new protocol: its currents are new. */
    void reset() {
        chargeCurrentA.reset();
        dischargeCurrentA.reset();
        heldOffsetA = 0;
    }

    private static double relativeScatter(Ewma usual) {
        return usual.meanAbsDeviation() / Math.abs(usual.mean());
    }

    /** Moved by more than its own scatter allows, and beyond the sensor's resolution. */
    private static boolean significant(double shift, Ewma usual) {
        return Math.abs(shift) > SIGNIFICANT_DEVIATIONS * usual.meanAbsDeviation()
                && Math.abs(shift) > RESOLUTION * Math.abs(usual.mean());
    }

    /** {charge, discharge} mean current magnitudes, or null when a step has no duration. */
    static double[] meanCurrents(CycleSummary cycle) {
        if (cycle.chargeDurationS() <= 0 || cycle.dischargeDurationS() <= 0) {
            return null;
        }
        return new double[] {
            3600 * cycle.chargeAh() / cycle.chargeDurationS(), 3600 * cycle.dischargeAh() / cycle.dischargeDurationS()
        };
    }
}
