package io.cellwatch.streams.detect;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A Li|electrolyte|Li symmetric cell: plating (step 1, current positive) and stripping (step 2,
 * negative) half-cycles, one cycle index per pair, V = sign(I)·η(t) + noise with a nucleation
 * peak at the start of each half. Tests choose η over test time (drift, collapse, pinning) and the
 * current density per cycle (steady cycling or a step-up).
 */
public final class SyntheticSymmetricCell {
    private final String channelId;
    private final double areaCm2;
    private final double sampleIntervalS;
    private final SplittableRandom noise;
    private final List<Sample> samples = new ArrayList<>();
    private long dataPoint;
    private double testTimeS;
    private double chargeAh;
    private double dischargeAh;
    private DoubleUnaryOperator temperatureC = t -> 30.0;

    public SyntheticSymmetricCell(String channelId, double areaCm2, double sampleIntervalS, long seed) {
        this.channelId = channelId;
        this.areaCm2 = areaCm2;
        this.sampleIntervalS = sampleIntervalS;
        this.noise = new SplittableRandom(seed);
    }

    /** The cell's temperature against test time from here on (30 °C unless told). */
    public SyntheticSymmetricCell temperature(DoubleUnaryOperator celsius) {
        this.temperatureC = celsius;
        return this;
    }

    /**
     * One half-cycle of {@code durationS} at {@code currentDensity} mA/cm²: overpotential η(test time)
     * in volts, Gaussian noise of {@code noiseV}.
     */
    public SyntheticSymmetricCell half(
            int cycle,
            boolean plating,
            double currentDensity,
            double durationS,
            DoubleUnaryOperator eta,
            DoubleUnaryOperator noiseV) {
        if (plating) {
            chargeAh = 0;
            dischargeAh = 0;
        }
        double current = (plating ? 1 : -1) * currentDensity * areaCm2 / 1000;
        double start = testTimeS;
        // Samples on the grid and one at the step's end, as cyclers log.
        for (double tau = sampleIntervalS; tau <= durationS + 1e-9; tau += sampleIntervalS) {
            emit(cycle, plating, current, start, tau, eta, noiseV);
        }
        double lastTau = Math.floor(durationS / sampleIntervalS) * sampleIntervalS;
        if (durationS - lastTau > 1e-6) {
            emit(cycle, plating, current, start, durationS, eta, noiseV);
        }
        testTimeS = start + durationS;
        return this;
    }

    private void emit(
            int cycle,
            boolean plating,
            double current,
            double start,
            double tau,
            DoubleUnaryOperator eta,
            DoubleUnaryOperator noiseV) {
        double t = start + tau;
        double passed = Math.abs(current) * tau / 3600;
        double value = eta.applyAsDouble(t) * (1 + 0.06 * Math.exp(-tau / 60));
        double v = (plating ? 1 : -1) * value + noiseV.applyAsDouble(t) * noise.nextGaussian();
        add(
                t,
                cycle,
                plating ? 1 : 2,
                plating ? StepType.CHARGE : StepType.DISCHARGE,
                v,
                current,
                plating ? passed : chargeAh,
                plating ? 0 : passed);
        if (plating) {
            chargeAh = passed;
        } else {
            dischargeAh = passed;
        }
    }

    /** The sample read at test time {@code t}, with the chamber's temperature then. */
    private void add(double t, int cycle, int step, StepType type, double v, double current, double qc, double qd) {
        samples.add(new Sample(
                Sample.SCHEMA_VERSION,
                channelId,
                ++dataPoint,
                1_700_000_000_000L + (long) (t * 1000),
                t,
                cycle,
                step,
                type,
                v,
                current,
                qc,
                qd,
                null,
                null,
                temperatureC.applyAsDouble(t)));
    }

    /**
     * A zero-current stretch of {@code durationS} (an impedance scan, step 8, or a rest) in which the
     * instrument reads {@code offsetV(test time)} plus noise: a Li|Li cell's own voltage is zero there.
     */
    public SyntheticSymmetricCell zeroCurrent(int cycle, double durationS, DoubleUnaryOperator offsetV, double noiseV) {
        double start = testTimeS;
        for (double tau = sampleIntervalS; tau <= durationS + 1e-9; tau += sampleIntervalS) {
            double t = start + tau;
            add(
                    t,
                    cycle,
                    8,
                    StepType.OTHER,
                    offsetV.applyAsDouble(t) + noiseV * noise.nextGaussian(),
                    0.0,
                    chargeAh,
                    dischargeAh);
        }
        testTimeS = start + durationS;
        return this;
    }

    /** Steady cycling: {@code hours} of 1 h half-cycles at one current density. */
    public SyntheticSymmetricCell cycling(
            int firstCycle, double hours, double currentDensity, DoubleUnaryOperator eta, DoubleUnaryOperator noiseV) {
        int cycles = (int) Math.round(hours / 2);
        for (int c = firstCycle; c < firstCycle + cycles; c++) {
            half(c, true, currentDensity, 3600, eta, noiseV);
            half(c, false, currentDensity, 3600, eta, noiseV);
        }
        return this;
    }

    public double testTimeS() {
        return testTimeS;
    }

    public List<Sample> samples() {
        return samples;
    }
}
