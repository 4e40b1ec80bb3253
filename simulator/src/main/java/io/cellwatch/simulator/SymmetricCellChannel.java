package io.cellwatch.simulator;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.StepType;
import java.util.SplittableRandom;

/**
 * A Li|electrolyte|Li symmetric cell: galvanostatic plating (step 1, current positive) and
 * stripping (step 2, negative) half-cycles, one cycle index per pair, so in a step-up test one
 * cycle is one current-density level. The voltage is sign(I)·η + noise, η per {@link SymmetricSpec}.
 *
 * <p>Shorts: from the soft-short time η collapses to a fraction of its value while the noise grows
 * (a filament forming and burning out, with partial recoveries); from the hard-short time the
 * filament carries the current and the voltage is pinned at I·R_short.
 */
final class SymmetricCellChannel extends ChannelSim {
    private final SymmetricSpec spec;
    private final double areaCm2;

    private boolean stripping = true;
    private boolean firstCycle = true;
    private double currentDensity;
    private double currentA;
    private double halfS;
    private double chargeAh;
    private double dischargeAh;

    SymmetricCellChannel(
            int number,
            ChannelInfo info,
            SymmetricSpec spec,
            SplittableRandom noise,
            double sampleIntervalS,
            long startEpochMs) {
        super(number, info, 0.0, noise, sampleIntervalS, startEpochMs, spec.temperatureC);
        this.spec = spec;
        this.areaCm2 = spec.areaCm2;
    }

    SymmetricSpec spec() {
        return spec;
    }

    @Override
    void startNextStep(double t) {
        if (!firstCycle) {
            double tau = stepEndS - stepStartS;
            chargeAh = chargeAhAt(tau);
            dischargeAh = dischargeAhAt(tau);
        }
        stripping = !stripping;
        boolean newCycle = !stripping;
        if (newCycle) {
            cycleIndex = firstCycle ? 1 : cycleIndex + 1;
            firstCycle = false;
            currentDensity = spec.currentDensity(cycleIndex);
            halfS = spec.halfCycleS(cycleIndex);
            chargeAh = 0;
            dischargeAh = 0;
        }
        currentA = (stripping ? -1 : 1) * currentDensity * areaCm2 * 1e-3;
        double duration = halfS;
        boolean endsTest = stripping && spec.lastCycle > 0 && cycleIndex >= spec.lastCycle;
        double testStart = testTimeAt(t);
        if (!Double.isNaN(spec.testEndAtS) && testStart + duration >= spec.testEndAtS - 1e-6) {
            duration = spec.testEndAtS - testStart;
            endsTest = true;
        }
        beginStep(
                cycleIndex,
                newCycle,
                stripping ? 2 : 1,
                stripping ? StepType.DISCHARGE : StepType.CHARGE,
                t,
                duration,
                endsTest);
    }

    /** 0 before the soft short, rising to 1 at the hard short, NaN when the cell is hard shorted. */
    private double shortProgress(double testTimeS) {
        if (Double.isNaN(spec.softShortAtS) || testTimeS < spec.softShortAtS) {
            return 0;
        }
        if (testTimeS >= spec.hardShortAtS) {
            return Double.NaN;
        }
        return (testTimeS - spec.softShortAtS) / (spec.hardShortAtS - spec.softShortAtS);
    }

    /** Overpotential (positive) of a healthy cell at this point of the half-cycle. */
    private double intactOverpotentialV(double tau, double testTimeS) {
        double plateau = spec.plateauOverpotentialV(currentDensity, testTimeS);
        return plateau * (1 + spec.nucleationPeak * Math.exp(-tau / 60) + spec.concentrationRise * tau / halfS);
    }

    @Override
    double voltageAt(double tau) {
        double testTime = testTimeAt(stepStartS + tau);
        double progress = shortProgress(testTime);
        if (Double.isNaN(progress)) {
            return currentA * spec.shortResistanceOhm;
        }
        double eta = intactOverpotentialV(tau, testTime);
        if (progress > 0) {
            // The filament carries a growing share of the current: η collapses at once, then keeps sinking.
            eta *= 0.4 - 0.3 * progress;
        }
        return Math.signum(currentA) * eta;
    }

    @Override
    double measuredVoltage(double tau, double voltageV) {
        double testTime = testTimeAt(stepStartS + tau);
        double progress = shortProgress(testTime);
        if (Double.isNaN(progress)) {
            return voltageV + 0.3e-3 * noise.nextGaussian();
        }
        if (progress > 0) {
            double sigma = spec.noiseV + 0.015 * (0.3 + progress);
            double v = voltageV + sigma * noise.nextGaussian();
            // Now and then the filament burns out for a moment and the overpotential partly recovers.
            if (noise.nextDouble() < 0.08) {
                v += Math.signum(currentA) * 0.3 * noise.nextDouble() * intactOverpotentialV(tau, testTime);
            }
            return v;
        }
        return voltageV + spec.noiseV * noise.nextGaussian();
    }

    @Override
    double currentAt(double tau) {
        return currentA;
    }

    @Override
    double chargeAhAt(double tau) {
        return currentA > 0 ? chargeAh + currentA * tau / 3600 : chargeAh;
    }

    @Override
    double dischargeAhAt(double tau) {
        return currentA < 0 ? dischargeAh - currentA * tau / 3600 : dischargeAh;
    }
}
