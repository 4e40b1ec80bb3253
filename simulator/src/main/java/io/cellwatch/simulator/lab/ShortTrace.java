package io.cellwatch.simulator.lab;

import java.util.Arrays;

/**
 * The internal short's running integrals since its current first flowed, for scoring an estimate
 * against the readings it was made from: at kept moments, the channel second, ∫|V|·dt while the short
 * carried current and ∫I_short·dt. Between kept moments the rates are taken as constant.
 *
 * <p>A moment is kept when the short's current or the voltage across it has moved by more than
 * {@value #KEEP_CHANGE} of itself since the last kept one, or {@value #KEEP_EVERY_S} s have passed: a
 * flickering filament, whose conductance changes at every step of the physics, keeps every step; a
 * fixed resistor on a slowly moving voltage keeps few. Interpolating inside an interval is then
 * wrong by at most that change in the rate, and a trace over hundreds of hours stays small.
 */
public final class ShortTrace {
    /** Relative change of the short's current or voltage that keeps a moment. */
    static final double KEEP_CHANGE = 0.01;
    /** Longest interval between kept moments, s. */
    static final double KEEP_EVERY_S = 600;

    private double[] timeS = new double[64];
    private double[] voltSeconds = new double[64];
    private double[] ampSeconds = new double[64];
    private int size;

    // The running integrals and the rates at the last kept moment.
    private double clockS = Double.NaN;
    private double runningVoltSeconds;
    private double runningAmpSeconds;
    private double keptLeakA = Double.NaN;
    private double keptVolts = Double.NaN;

    /** The channel clock at a cycle's start (the physics steps add their durations to it). */
    public void clockAt(double channelS) {
        clockS = channelS;
    }

    /** dt seconds at this cell voltage magnitude with this short current magnitude. */
    public void step(double dtS, double cellVoltsAbs, double leakAbsA) {
        if (Double.isNaN(clockS)) {
            return;
        }
        if (size == 0 && leakAbsA <= 0) {
            clockS += dtS;
            return;
        }
        // A new rate starts a new interval: the moment it starts is kept, so each interval has one rate.
        if (size == 0 || changed(leakAbsA, keptLeakA) || changed(cellVoltsAbs, keptVolts)) {
            keep(clockS);
            keptLeakA = leakAbsA;
            keptVolts = cellVoltsAbs;
        }
        clockS += dtS;
        if (leakAbsA > 0) {
            runningVoltSeconds += cellVoltsAbs * dtS;
            runningAmpSeconds += leakAbsA * dtS;
        }
        if (clockS - timeS[size - 1] >= KEEP_EVERY_S) {
            keep(clockS);
        }
    }

    private static boolean changed(double now, double kept) {
        return Math.abs(now - kept) > KEEP_CHANGE * Math.max(Math.abs(now), Math.abs(kept));
    }

    private void keep(double atS) {
        if (size > 0 && atS <= timeS[size - 1]) {
            voltSeconds[size - 1] = runningVoltSeconds;
            ampSeconds[size - 1] = runningAmpSeconds;
            return;
        }
        if (size == timeS.length) {
            timeS = Arrays.copyOf(timeS, 2 * size);
            voltSeconds = Arrays.copyOf(voltSeconds, 2 * size);
            ampSeconds = Arrays.copyOf(ampSeconds, 2 * size);
        }
        timeS[size] = atS;
        voltSeconds[size] = runningVoltSeconds;
        ampSeconds[size] = runningAmpSeconds;
        size++;
    }

    /** Closes the trace at the run's end (the last steps since the last kept moment). */
    public void close() {
        if (size > 0 && clockS > timeS[size - 1]) {
            keep(clockS);
        }
    }

    /**
     * The short over [fromS, toS] (channel seconds): its effective resistance (∫|V|dt over ∫I dt while
     * it carried current; NaN when it carried none) and its mean current over the whole interval. An interval
     * of no length is one reading's moment: the short then, its rates over the step of the physics that led to
     * it (the readings are written from the state that step left).
     */
    public Window over(double fromS, double toS) {
        double seconds = toS - fromS;
        if (!(seconds > 0)) {
            return moment(toS);
        }
        double amps = at(toS, ampSeconds) - at(fromS, ampSeconds);
        double volts = at(toS, voltSeconds) - at(fromS, voltSeconds);
        return new Window(amps > 0 ? volts / amps : Double.NaN, amps / seconds);
    }

    /** The short at one moment: its rates over the kept interval ending there (none before the first). */
    private Window moment(double s) {
        if (size < 2 || s <= timeS[0] || s > timeS[size - 1]) {
            return new Window(Double.NaN, Double.NaN);
        }
        int i = Arrays.binarySearch(timeS, 0, size, s);
        int hi = i >= 0 ? i : -i - 1;
        double seconds = timeS[hi] - timeS[hi - 1];
        double amps = (ampSeconds[hi] - ampSeconds[hi - 1]) / seconds;
        double volts = (voltSeconds[hi] - voltSeconds[hi - 1]) / seconds;
        return new Window(amps > 0 ? volts / amps : Double.NaN, amps);
    }

    /** A running integral at this channel second, linear between kept moments; 0 before the first. */
    private double at(double s, double[] running) {
        if (size == 0 || s <= timeS[0]) {
            return 0;
        }
        if (s >= timeS[size - 1]) {
            return running[size - 1];
        }
        int i = Arrays.binarySearch(timeS, 0, size, s);
        if (i >= 0) {
            return running[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (s - timeS[lo]) / (timeS[hi] - timeS[lo]);
        return running[lo] + w * (running[hi] - running[lo]);
    }

    /** Two traces are equal when they kept the same moments with the same integrals (the same run). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ShortTrace other
                && Arrays.equals(timeS, 0, size, other.timeS, 0, other.size)
                && Arrays.equals(voltSeconds, 0, size, other.voltSeconds, 0, other.size)
                && Arrays.equals(ampSeconds, 0, size, other.ampSeconds, 0, other.size);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.copyOf(ampSeconds, size));
    }

    /**
     * The short over an interval.
     *
     * @param resistanceOhm its effective resistance while it carried current (NaN: it carried none)
     * @param meanLeakA     its current averaged over the interval
     */
    public record Window(double resistanceOhm, double meanLeakA) {}
}
