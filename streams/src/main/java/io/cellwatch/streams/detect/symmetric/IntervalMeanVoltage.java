package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Sample;
import java.util.stream.IntStream;

/**
 * The cell's mean voltage between two logged readings, from the cycler's own counters: energy over
 * charge, ΔE/ΔQ. A cycler integrates both counters in its firmware at its fast internal rate,
 * between the rows it logs too, so this is a second measurement of the voltage, independent of the
 * single reading at the row: a glitch of one voltage reading (a contact bounce, a converter
 * spike) does not move the energy counter, a short that carries the current does.
 *
 * <p>Usable only where the counters describe the interval plainly: both readings in the same cycle
 * and step, the counters of the current's direction present and grown, the charge grown by what the
 * logged current passes in the time (within {@link #CHARGE_AGREEMENT}: a counter reset or a pause
 * inside the interval breaks that), and the current the same at both ends (one level, not a step).
 * NaN otherwise.
 */
public final class IntervalMeanVoltage {
    /**
     * The logged charge and ∫I dt of the logged current agree to a cycler's current accuracy (0.1 %
     * of range) and the counters' printed digits over any interval of a few readings; 10 % is far
     * outside that and far inside the 100 % a counter reset or a pause without rows makes.
     */
    static final double CHARGE_AGREEMENT = 0.10;

    /** A single-precision float's relative resolution (2^-23). */
    private static final double SINGLE_PRECISION = 1.2e-7;
    /** 10^0 … 10^12: the decimal steps a counter can be printed in. */
    private static final double[] DECIMALS =
            IntStream.rangeClosed(0, 12).mapToDouble(d -> Math.pow(10, d)).toArray();

    int cycle = -1;
    int step = -1;
    double testTimeS;
    /** Test time the interval last returned began (the reading before it), s. */
    double intervalStartS;

    double currentA;
    double chargeAh = Double.NaN;
    double energyWh = Double.NaN;
    /**
     * The finest step the energy counter has been printed in so far, Wh (0: none seen): an export that
     * prints 1e-6 Wh reads no energy at all over an interval of a few µWh (a few-mV cell at a mA).
     */
    double energyStepWh;

    /** How far the last mean returned can be off by the energy counter's printed step alone, V. */
    double printedErrorV;

    public IntervalMeanVoltage() {
        // for the state-store codec
    }

    /** The mean |V| since the previous reading, V, or NaN; then remembers this reading. */
    double accept(Sample sample) {
        boolean charging = sample.currentA() > 0;
        Double q = charging ? sample.chargeCapacityAh() : sample.dischargeCapacityAh();
        Double e = charging ? sample.chargeEnergyWh() : sample.dischargeEnergyWh();
        double mean = Double.NaN;
        if (e != null) {
            learnPrintedStep(e);
        }
        if (q != null && e != null && sample.cycleIndex() == cycle && sample.stepIndex() == step) {
            double dq = q - chargeAh;
            double de = e - energyWh;
            double passed = Math.abs(currentA) * (sample.testTimeS() - testTimeS) / 3600;
            boolean oneLevel = Math.abs(sample.currentA() - currentA) <= CHARGE_AGREEMENT * Math.abs(currentA);
            if (dq > 0 && de >= 0 && oneLevel && Math.abs(dq - passed) <= CHARGE_AGREEMENT * passed) {
                mean = de / dq;
                // Both ends rounded to the printed step: their difference is off by up to one step.
                printedErrorV = energyStepWh / dq;
            }
        }
        intervalStartS = testTimeS;
        cycle = sample.cycleIndex();
        step = sample.stepIndex();
        testTimeS = sample.testTimeS();
        currentA = sample.currentA();
        chargeAh = q == null ? Double.NaN : q;
        energyWh = e == null ? Double.NaN : e;
        return mean;
    }

    /**
     * The counter's printed step: the finest decimal step any of its values so far has needed (a value
     * printed to 6 decimals is a whole number of 1e-6 at 6 decimals and not before; over many values the
     * finest step shows). A counter that is no whole number of decimals up to 1e-12 (a binary export
     * of single-precision floats) is taken to carry single precision's 7 digits.
     */
    private void learnPrintedStep(double valueWh) {
        double step = Math.max(1e-12, Math.abs(valueWh) * SINGLE_PRECISION);
        for (double scale : DECIMALS) {
            double scaled = valueWh * scale;
            // Whole to the double's own precision (a value read from its printed digits), not merely small.
            if (Math.abs(scaled - Math.rint(scaled)) <= Math.max(1e-9, 1e-12 * Math.abs(scaled))) {
                step = 1 / scale;
                break;
            }
        }
        energyStepWh = energyStepWh > 0 ? Math.min(energyStepWh, step) : step;
    }
}
