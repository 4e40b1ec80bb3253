package io.cellwatch.streams.detect.symmetric;

/**
 * The ways {@link CriticalCurrentDensityDetector} tells that the cell fell under its level: the
 * readings (two, or one the counters corroborate) and the counters alone over consecutive intervals.
 */
final class CcdFall {
    private CcdFall() {}

    /**
     * Whether the counters' mean voltage has been resolved under the collapse fraction of what the level
     * reads over {@link CriticalCurrentDensitySettings#samplesToConfirm()} plain intervals in a row
     * ({@link CountersRun}), the readings at their ends whatever they read; folds this interval in.
     */
    static boolean conductedBetweenReadings(
            CriticalCurrentDensityState state,
            CriticalCurrentDensitySettings settings,
            Fall counters,
            double intervalV) {
        // NaN (an interval the counters do not describe plainly) is not under: it ends the run.
        if (counters.upper(settings.runSigmas()) < settings.collapseFraction()) {
            state.countersRun.fold(intervalV, state.interval.intervalStartS, state.interval.testTimeS);
        } else {
            state.countersRun.reset();
        }
        return state.countersRun.intervals() >= settings.samplesToConfirm();
    }

    /**
     * A measurement of the voltage as a fraction of a reference, one reading's noise as a fraction of it,
     * and how far the counters' printed digits alone can move it (0 for a reading).
     */
    record Fall(double fraction, double sigmaFraction, double printedFraction) {
        /** The most it can be, at {@code sigmas} standard errors (NaN for an interval the counters do not give). */
        double upper(double sigmas) {
            return fraction + sigmas * sigmaFraction + printedFraction;
        }
    }

    /**
     * Whether the voltage fell under the level and stays there: the latest reading under it, and the run
     * resolved under it on the readings the settings ask (a glitch of one reading followed by a healthy
     * one can pull a mean of two under the level: the healthy one is not under it), or on one reading
     * whose interval's mean voltage from the counters ({@link IntervalMeanVoltage}) is resolved out of
     * the healthy band ({@link CriticalCurrentDensitySettings#healthyBandFloorFraction()} of what the
     * level reads; under the level where that is lower), by the same standard errors as one reading (the
     * integrated mean is the steadier of the two): a mean over an interval the fall cut into lies between
     * the healthy level and the reading, so it cannot be asked to reach the reading's depth.
     */
    static boolean fell(
            LowRun run, double level, CriticalCurrentDensitySettings settings, Fall reading, Fall counters) {
        double sigmas = settings.runSigmas();
        // The counters need not reach the level themselves: their interval began before the fall, whose
        // moment inside it they do not tell. Resolved out of the healthy band, they show the cell really
        // left its level within the interval, which a glitch of the reading alone does not make.
        double corroborated = Math.max(level, settings.healthyBandFloorFraction());
        return reading.fraction() < level
                && (run.resolvedUnder(level, reading.sigmaFraction(), sigmas, settings.samplesToConfirm())
                        || (run.resolvedUnder(level, reading.sigmaFraction(), sigmas, 1)
                                && counters.upper(sigmas) < corroborated));
    }
}
