package io.cellwatch.streams.detect.symmetric;

/**
 * Thresholds of the symmetric-cell overpotential detector.
 *
 * @param baselineHalfCycles   half-cycles (after the first) whose mean plateau is the drift baseline
 * @param referenceAlpha       weight of a new normal half-cycle in the collapse reference (the recent level)
 * @param driftFraction        |plateau / baseline − 1| above which the overpotential has drifted
 * @param driftPersistence     consecutive drifted half-cycles before the warning fires
 * @param driftResolveFraction drift under which half-cycles count towards resolving the warning
 * @param collapseFraction     live |V| under this fraction of the recent level, with the noise up: soft short
 * @param noiseRiseFactor      live noise above this many times the usual noise
 * @param hardShortFraction    live |V| under this fraction of the recent level: pinned, a hard short
 * @param samplesToConfirm     consecutive samples a collapse or pin must last
 * @param liveAlpha            weight of a new sample in the live |V|
 * @param noiseAlpha           weight of a new step in the live noise
 * @param minNoiseV            floor of the usual noise (a cycler logging 0.1 mV steps is not noiseless)
 * @param resolveAfterHalfCycles normal half-cycles that resolve a firing alert
 * @param currentBand          a half-cycle whose current differs from the drift baseline's by more than this
 *                             fraction is another rate: the baseline is learnt afresh at it
 * @param resolutionSigmas     a pin threshold under this many standard deviations of the live |V| (the usual
 *                             noise, smoothed as the live value is) is not resolved by the voltage alone: the
 *                             pin must hold through a current reversal
 */
public record OverpotentialSettings(
        int baselineHalfCycles,
        double referenceAlpha,
        double driftFraction,
        int driftPersistence,
        double driftResolveFraction,
        double collapseFraction,
        double noiseRiseFactor,
        double hardShortFraction,
        int samplesToConfirm,
        double liveAlpha,
        double noiseAlpha,
        double minNoiseV,
        int resolveAfterHalfCycles,
        double currentBand,
        double resolutionSigmas) {

    /**
     * Seed 001: a healthy Li|QCPE@P-DOL|Li cell holds 80 mV within a few percent for 2100 h, while
     * the bare-QCPE cell climbs ~25 % before it shorts at 60 h; a 20 % drift is therefore worth a
     * warning. A soft short drops the overpotential to well under 60 % of where it was with noise
     * several times the usual (a filament forming and burning out); a hard short pins it under 10 %.
     * Both are judged against the recent level scaled to the current now (η ∝ I to first order), so a
     * lower rate is no collapse. A cycler regulates its current to a fraction of a percent and a lab
     * changes rates by 10 % or more: a current 5 % off the baseline's (the step-up recogniser's rise
     * too) is another rate, whose overpotential is learnt before drift is judged again. A reading is
     * resolved from zero when it is two standard deviations of the noise away; when the pin threshold
     * (a tenth of a few-mV overpotential: a low-resistance electrolyte at a low current) is not, a
     * pickup or offset of the size of the signal can read as a pinned half-cycle. A short is a
     * resistor: it pins the voltage in both current directions, so there the pin must also hold after
     * the current reverses (one half-cycle later), which pickup does not do.
     */
    public static OverpotentialSettings defaults() {
        return new OverpotentialSettings(4, 0.3, 0.20, 2, 0.10, 0.6, 3.0, 0.1, 3, 0.3, 0.2, 0.0002, 4, 0.05, 2.0);
    }
}
