package io.cellwatch.streams.detect;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.testing.CyclerRows;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A full cell on a CC-CV charge / rest / CC discharge / rest protocol, sampled every few seconds,
 * with an optional internal leak per cycle: while charging only (1 − leak) of the current is
 * stored, while discharging the cell also feeds the leak. Lets sample-level detector tests state
 * what each cycle does (a normal one, a slow diagnostic one, a leaking one, an endless charge).
 * Counters are cumulative per cycle and reset when a cycle begins (Arbin style).
 */
public final class SyntheticFullCell {
    private static final double R_OHM_C = 0.05; // ohmic drop at 1C, volts
    private final String channelId;
    private final double capacityAh;
    private final double sampleIntervalS;
    private final double noiseV;
    private final SplittableRandom noise;
    private final List<Sample> samples = new ArrayList<>();
    private long dataPoint;
    private double testTimeS;
    private double soc = 0.02;
    private double chargeAh;
    private double dischargeAh;
    private double vMax = 4.2;
    private double vMin = 3.0;
    private boolean ended;

    public SyntheticFullCell(String channelId, double capacityAh, double sampleIntervalS, double noiseV, long seed) {
        this.channelId = channelId;
        this.capacityAh = capacityAh;
        this.sampleIntervalS = sampleIntervalS;
        this.noiseV = noiseV;
        this.noise = new SplittableRandom(seed);
    }

    /** Open-circuit voltage: flat in the middle, steep at both ends, like most intercalation cells. */
    public static double ocv(double soc) {
        double x = Math.min(0.999, Math.max(0.001, soc));
        return 3.45 + 0.55 * x + 0.08 * Math.log(x / (1 - x));
    }

    /** One ordinary cycle at 1C with a leak fraction (0 = healthy). */
    public SyntheticFullCell cycle(int index, double leak) {
        return cycle(index, leak, 1.0, 1.0);
    }

    /**
     * One cycle. {@code cRate} scales the current (0.1 = a slow diagnostic cycle); {@code capacityFactor}
     * scales the capacity (fade). A charge longer than 3× its nominal time is stopped and ends the test.
     */
    public SyntheticFullCell cycle(int index, double leak, double cRate, double capacityFactor) {
        return cycle(index, leak, cRate, capacityFactor, Double.POSITIVE_INFINITY);
    }

    /**
     * One 1C cycle whose leak lasts only until the charge has passed {@code leakUntilAh}: a filament
     * that burns out during the charge, after which the cell charges and discharges normally.
     */
    public SyntheticFullCell burningOut(int index, double leak, double leakUntilAh) {
        return cycle(index, leak, 1.0, 1.0, leakUntilAh);
    }

    private SyntheticFullCell cycle(
            int index, double initialLeak, double cRate, double capacityFactor, double leakUntilAh) {
        double leak = initialLeak;
        if (ended) {
            return this;
        }
        chargeAh = 0;
        dischargeAh = 0;
        double capacity = capacityAh * capacityFactor;
        double current = cRate * capacityAh;
        double drop = R_OHM_C * cRate;
        // CC charge until the voltage limit.
        double limitS = 3 * 3600 / cRate;
        double elapsed = 0;
        boolean first = true;
        while (true) {
            double v = ocv(soc) + drop * (1 - leak);
            if (!first && v >= vMax) {
                break;
            }
            if (elapsed >= limitS) {
                ended = true;
                return this;
            }
            add(index, 1, StepType.CHARGE, Math.min(v, vMax), current);
            first = false;
            if (chargeAh >= leakUntilAh) {
                leak = 0;
            }
            step(current, (1 - leak) * current / capacity);
            elapsed += sampleIntervalS;
        }
        // CV: the current tapers to C/20.
        double cvCurrent = current;
        while (cvCurrent > 0.05 * capacityAh && elapsed < limitS) {
            add(index, 2, StepType.CHARGE, vMax, cvCurrent);
            step(cvCurrent, (1 - leak) * cvCurrent / capacity);
            cvCurrent *= Math.exp(-sampleIntervalS / (600 / cRate));
            elapsed += sampleIntervalS;
        }
        leak = chargeAh >= leakUntilAh ? 0 : leak;
        rest(index, 3, 600);
        // CC discharge to the lower limit.
        while (true) {
            double v = ocv(soc) - drop * (1 + leak);
            if (v <= vMin || soc <= 0.001) {
                add(index, 4, StepType.DISCHARGE, Math.max(v, vMin), -current);
                break;
            }
            add(index, 4, StepType.DISCHARGE, v, -current);
            step(-current, -(1 + leak) * current / capacity);
        }
        rest(index, 5, 600);
        return this;
    }

    private void rest(int index, int step, double seconds) {
        for (double t = 0; t < seconds; t += sampleIntervalS) {
            add(index, step, StepType.REST, ocv(soc), 0);
            step(0, 0);
        }
    }

    /** Moves time on by one interval at this current (charge positive), changing the state of charge. */
    private void step(double currentA, double socPerHour) {
        double hours = sampleIntervalS / 3600;
        if (currentA > 0) {
            chargeAh += currentA * hours;
        } else {
            dischargeAh -= currentA * hours;
        }
        soc = Math.min(1, Math.max(0, soc + socPerHour * hours));
        testTimeS += sampleIntervalS;
    }

    private void add(int cycle, int step, StepType type, double voltageV, double currentA) {
        double v = voltageV + noiseV * noise.nextGaussian();
        samples.add(CyclerRows.row(
                channelId, ++dataPoint, testTimeS, cycle, step, type, v, currentA, chargeAh, dischargeAh, null, null));
    }

    /** Adds a sample as given (for drops and glitches), keeping time and record numbers going. */
    public SyntheticFullCell raw(int cycle, int step, StepType type, double voltageV, double currentA) {
        add(cycle, step, type, voltageV, currentA);
        testTimeS += sampleIntervalS;
        return this;
    }

    public boolean ended() {
        return ended;
    }

    public List<Sample> samples() {
        return samples;
    }
}
