package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;

/**
 * Cuts a symmetric cell's samples into plating and stripping half-cycles and keeps running sums
 * for the open one (plateau mean, peak, extremes, noise, charge), plus live short-window values
 * (an exponentially weighted |V| and noise) so a detector can judge inside a half-cycle. A
 * half-cycle is a run of samples with current of one sign in one step of one cycle; rests end it.
 * The first part of each half-cycle (the nucleation peak) is kept out of the plateau: 10 % of the
 * previous half-cycle's length, at most 5 minutes. Bounded state: a few dozen numbers.
 */
public final class HalfCycleTracker {
    /** Current below this fraction of the open half-cycle's current counts as a rest. */
    private static final double REST_CURRENT_FRACTION = 0.01;

    private static final double DEFAULT_SKIP_S = 60;
    private static final double MAX_SKIP_S = 300;

    boolean open;
    int cycleIndex;
    int stepIndex;
    boolean plating;
    double startTestTimeS;
    double lastTestTimeS;
    long samples;
    long plateauSamples;
    double plateauSumV;
    double peakV;
    double maxV;
    double minV;
    double chargeAh;
    double currentSumA;
    double noiseSumV;
    long noiseCount;
    double lastAbsV;
    boolean hasLastPlateau;
    double skipS = DEFAULT_SKIP_S;

    boolean hasPreviousSample;
    Double lastChargeCounterAh;
    Double lastDischargeCounterAh;
    double lastSampleTestTimeS = -1;
    /** Test time of the sample before the current one (where a half-cycle begun by this one started). */
    double previousSampleTestTimeS = -1;

    /** Extremes of the half-cycle before, for the half peak-to-peak over a whole cycle. */
    double previousMaxV = Double.NaN;

    double previousMinV = Double.NaN;

    // Live values inside the open half-cycle.
    double liveV;
    double liveNoiseV;
    boolean liveStarted;

    public HalfCycleTracker() {
        // for the state-store codec
    }

    /**
     * Folds a sample in. Returns the half-cycle it closed (a sign, step or cycle change, or a rest),
     * or null.
     *
     * @param dtS        seconds since the previous sample
     * @param liveAlpha  weight of a new plateau sample in the live |V|
     * @param noiseAlpha weight of a new plateau step in the live noise
     */
    public HalfCycle accept(Sample sample, double dtS, double liveAlpha, double noiseAlpha, double initialNoiseV) {
        double current = sample.currentA();
        boolean rest = sample.stepType() == StepType.REST
                || sample.stepType() == StepType.OTHER
                || current == 0
                || (open && Math.abs(current) < REST_CURRENT_FRACTION * Math.abs(currentSumA / Math.max(1, samples)));
        boolean samePhase = open
                && !rest
                && (current > 0) == plating
                && sample.stepIndex() == stepIndex
                && sample.cycleIndex() == cycleIndex;
        HalfCycle closed = null;
        if (open && !samePhase) {
            closed = close();
        }
        double passedAh = passedSincePreviousSample(sample, dtS);
        if (rest) {
            return closed;
        }
        if (!open) {
            begin(sample, initialNoiseV);
        }
        // The current has flowed since the previous sample (the step began right after it): count it
        // in, so a half-cycle logged every 30 s does not lose its first 30 s.
        chargeAh += passedAh;
        fold(sample, liveAlpha, noiseAlpha);
        return closed;
    }

    /**
     * Charge moved since the previous sample: the increase of the cycler's counter for this
     * direction (plating counts on the charge counter, stripping on the discharge counter; a counter
     * that went down was reset and has counted from zero), or |I|·dt without counters.
     */
    private double passedSincePreviousSample(Sample sample, double dtS) {
        Double counter = sample.currentA() > 0 ? sample.chargeCapacityAh() : sample.dischargeCapacityAh();
        Double previous = sample.currentA() > 0 ? lastChargeCounterAh : lastDischargeCounterAh;
        double passed;
        if (counter != null && previous != null && hasPreviousSample) {
            passed = counter >= previous ? counter - previous : Math.max(0, counter);
        } else if (hasPreviousSample && dtS <= 3600) {
            passed = Math.abs(sample.currentA()) * dtS / 3600;
        } else {
            passed = 0;
        }
        lastChargeCounterAh = sample.chargeCapacityAh();
        lastDischargeCounterAh = sample.dischargeCapacityAh();
        previousSampleTestTimeS = hasPreviousSample ? lastSampleTestTimeS : -1;
        hasPreviousSample = true;
        lastSampleTestTimeS = sample.testTimeS();
        return passed;
    }

    private void begin(Sample sample, double initialNoiseV) {
        open = true;
        cycleIndex = sample.cycleIndex();
        stepIndex = sample.stepIndex();
        plating = sample.currentA() > 0;
        startTestTimeS = sample.testTimeS();
        if (previousSampleTestTimeS >= 0 && sample.testTimeS() - previousSampleTestTimeS <= 3600) {
            startTestTimeS = previousSampleTestTimeS;
        }
        samples = 0;
        plateauSamples = 0;
        plateauSumV = 0;
        peakV = 0;
        maxV = Double.NEGATIVE_INFINITY;
        minV = Double.POSITIVE_INFINITY;
        chargeAh = 0;
        currentSumA = 0;
        noiseSumV = 0;
        noiseCount = 0;
        hasLastPlateau = false;
        liveStarted = false;
        liveNoiseV = initialNoiseV;
    }

    private void fold(Sample sample, double liveAlpha, double noiseAlpha) {
        double v = sample.voltageV();
        double absV = Math.abs(v);
        samples++;
        lastTestTimeS = sample.testTimeS();
        currentSumA += Math.abs(sample.currentA());
        peakV = Math.max(peakV, absV);
        maxV = Math.max(maxV, v);
        minV = Math.min(minV, v);
        if (sample.testTimeS() - startTestTimeS < skipS) {
            return;
        }
        plateauSamples++;
        plateauSumV += absV;
        if (hasLastPlateau) {
            double step = Math.abs(absV - lastAbsV);
            noiseSumV += step;
            noiseCount++;
            liveNoiseV += noiseAlpha * (step - liveNoiseV);
        }
        liveV = liveStarted ? liveV + liveAlpha * (absV - liveV) : absV;
        liveStarted = true;
        lastAbsV = absV;
        hasLastPlateau = true;
    }

    private HalfCycle close() {
        open = false;
        double duration = lastTestTimeS - startTestTimeS;
        skipS = Math.min(MAX_SKIP_S, 0.1 * duration);
        double halfPeakToPeak = Double.isNaN(previousMaxV)
                ? (maxV - minV) / 2
                : (Math.max(maxV, previousMaxV) - Math.min(minV, previousMinV)) / 2;
        previousMaxV = maxV;
        previousMinV = minV;
        double plateau = plateauSamples > 0 ? plateauSumV / plateauSamples : Double.NaN;
        double noise = noiseCount > 0 ? noiseSumV / noiseCount : Double.NaN;
        return new HalfCycle(
                cycleIndex,
                plating,
                startTestTimeS,
                lastTestTimeS,
                plateau,
                peakV,
                halfPeakToPeak,
                noise,
                chargeAh,
                currentSumA / Math.max(1, samples),
                samples,
                plateauSamples);
    }

    /** True while inside a half-cycle's plateau with live values to judge. */
    public boolean live() {
        return open && liveStarted;
    }

    /** Exponentially weighted |V| over the last few plateau samples. */
    public double liveV() {
        return liveV;
    }

    /** Exponentially weighted |Δ|V|| over the last plateau steps. */
    public double liveNoiseV() {
        return liveNoiseV;
    }

    public boolean open() {
        return open;
    }

    public int cycleIndex() {
        return cycleIndex;
    }

    public boolean plating() {
        return plating;
    }

    /** Charge passed so far in the open half-cycle. */
    public double chargeAh() {
        return chargeAh;
    }

    /** Mean |I| so far in the open half-cycle. */
    public double meanCurrentA() {
        return currentSumA / Math.max(1, samples);
    }

    public double startTestTimeS() {
        return startTestTimeS;
    }
}
