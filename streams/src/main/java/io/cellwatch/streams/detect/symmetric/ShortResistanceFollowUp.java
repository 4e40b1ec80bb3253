package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.leak.ParallelPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When the readings of a live short run ({@link LowRun}) carry the short's resistance, for {@link
 * ShortWatch}: R = V/I_leak with I_leak = I·(1 − V/η) ({@link ParallelPath}), so the readings give R
 * to the relative error σ_V / (V·(1 − V/η)), σ_V the standard error of their mean voltage. An alert
 * whose readings do not carry R to the settings' precision gives the leak without it (and a bound
 * where the voltage is not resolved from zero), and the run goes on being read after the alert: once
 * the readings carry R, R follows from 2.25 times as many readings after them ({@link #follow}: a
 * judgement on the readings' own mean stops where the noise swung it up; {@link
 * #FOLLOW_UP_READINGS_PER_JUDGED}), once, as an update of the firing
 * episode (same alert id). A hard short's alert on a run steady under the noise lets R follow so: it
 * came when its readings were judged to carry R, or at its wait's end, where R would be given only if
 * they did. A flickering filament's R is read from the readings that carried it ({@link #steadyUnderNoise}).
 *
 * <p>A filament that flickers (noisy steps in the run, or a collapse already judged a flickering
 * filament) is a different short from one reading to the next, and the run that made the alert is the
 * stretch of readings that happened to fall: a few of them are the filament's lucky moments, not its
 * effective value (a hard-short alert on three pinned readings of a still flickering filament read R a
 * third of its value over those minutes). Such a run carries R only once it has followed the filament
 * for as many readings as a hard short's alert may wait for R, {@link OverpotentialSettings#resistanceWaitSamples()}.
 */
final class ShortResistanceFollowUp {
    private ShortResistanceFollowUp() {}

    /**
     * How many readings after the judgement R is read from, per reading the judgement took: (3/2)². The
     * judgement asks R to the settings' relative error (15 %: the 30 % the issue asks, at two standard
     * errors), and it asks it of a mean the stopping rule swung up, so as many readings again after it
     * carry R to 15 % of the swung-up voltage, more of the true one: with one cell in twenty outside 2σ and
     * that widening, a population of shorts has a few whose R is more than 30 % off. The R that is sent
     * holds the 30 % at three standard errors instead (one cell in 370, the 3σ every other judgement of
     * this detector is made at: {@link OverpotentialSettings#runSigmas()}); at the same noise per reading
     * that is (3/2)² as many readings. The count is fixed when the judgement is made, from its readings
     * alone, so the readings R is read from still do not decide when they stop.
     */
    static final double FOLLOW_UP_READINGS_PER_JUDGED = 2.25;

    /** The relative standard error of R the run's readings give (infinite when they give none). */
    static double relativeError(LowRun run, double usualNoiseV, double pathV) {
        LowRun.Readings read = ShortWatch.read(run, usualNoiseV, ShortWatch.WHOLE_RUN);
        double v = Math.abs(read.meanV());
        double f = pathV > 0 ? v / pathV : 1;
        if (!(v > 0) || f >= 1 || read.samples() < 2) {
            return Double.POSITIVE_INFINITY;
        }
        return ShortWatch.readErrorV(read, usualNoiseV) / (v * (1 - f));
    }

    /** Whether the run's readings carry R to the settings' precision (and, for a flickering filament, long enough). */
    static boolean carried(LowRun run, double usualNoiseV, double pathV, boolean flickering, OverpotentialSettings s) {
        return relativeError(run, usualNoiseV, pathV) <= s.resistanceRelativeError()
                && (!(flickering || run.noisySteps() > 0) || run.samples() >= s.resistanceWaitSamples());
    }

    /** The estimate without its resistance: what an alert gives while its readings do not carry R. */
    static LeakEstimate withoutResistance(LeakEstimate leak) {
        return new LeakEstimate(
                leak.leakCurrentA(),
                leak.leakCurrentUncertaintyA(),
                leak.appliedCurrentA(),
                Double.NaN,
                Double.NaN,
                leak.basis());
    }

    /** The resistance a firing alert gave without, sent as an update from the readings after those that carry it. */
    static List<Alert> pending(
            OverpotentialState state, Sample sample, OverpotentialSettings settings, double usualNoise, double pathV) {
        boolean flickering = flickering(state);
        if (state.hardShortResistancePending) {
            List<Alert> update = follow(
                    state.hardShort,
                    AlertKind.HARD_SHORT,
                    state.pinRun,
                    sample,
                    settings.hardShortFraction(),
                    usualNoise,
                    pathV,
                    flickering,
                    settings);
            state.hardShortResistancePending = update.isEmpty();
            if (!update.isEmpty()) {
                return update;
            }
        }
        if (!state.collapseResistancePending) {
            return List.of();
        }
        List<Alert> update = follow(
                state.collapse,
                AlertKind.OVERPOTENTIAL_COLLAPSE,
                state.lowRun,
                sample,
                settings.collapseFraction(),
                usualNoise,
                pathV,
                flickering,
                settings);
        state.collapseResistancePending = update.isEmpty();
        return update;
    }

    /** A flickering filament is known: the collapse fired on one with noisy steps and still stands. */
    static boolean flickering(OverpotentialState state) {
        return state.collapse.firing() && state.collapseFlickered;
    }

    /** The alert's estimate without R (the readings do not carry it): the leak stays, R leaves the evidence. */
    static LeakEstimate withheld(LeakEstimate leak, Map<String, Double> evidence) {
        evidence.remove("shortResistanceOhm");
        evidence.remove("shortResistanceUncertaintyOhm");
        return withoutResistance(leak);
    }

    /** The readings after the judgement that R is read from ({@link #FOLLOW_UP_READINGS_PER_JUDGED}). */
    static int followUpSamples(LowRun run) {
        return (int) Math.ceil(FOLLOW_UP_READINGS_PER_JUDGED * run.carriedAtSamples);
    }

    /** What an alert says of R while it follows: from the next readings once the run's readings carry it. */
    static String follows(LowRun run) {
        return run.carriedMarked()
                ? String.format(
                        Locale.ROOT,
                        ", the short's resistance follows from the next %d readings (not from those that decided it)",
                        followUpSamples(run))
                : ShortWatch.FOLLOWS;
    }

    /**
     * After an alert that gave no R: once the run's readings carry it, they are marked ({@link
     * LowRun#markCarried()}), and R is read from {@link #followUpSamples} readings after them, which the judgement
     * did not see, and sent as an update of the firing episode (once); nothing otherwise.
     *
     * <p>Judging "the readings carry R" by their own mean's standard error against that mean, reading by
     * reading, stops first where the noise has swung the mean up: R = V/I from the same readings is
     * then biased high, the more the smaller V is against the noise (a hard short's 0.3-0.7 mV under
     * about 1 mV of noise read 70 % high once). The readings after the mark are independent of the
     * stop; as many of them as the judgement took give R to about the precision it asked for (15 %, at the
     * swung-up mean: less at the short's own voltage), which left about one short in thirty over 30 % off
     * (a 5 mV pin read +35 % from five readings after the five that decided it); {@link
     * #FOLLOW_UP_READINGS_PER_JUDGED} times as many hold 30 % at three standard errors. Their estimate is sent whatever
     * it reads, R or, where their voltage is not resolved from zero, its bound: waiting on until one
     * reads better would be the same stopping rule again.
     *
     * @return the update, or an empty list (and {@code pending} stays as it was)
     */
    private static List<Alert> follow(
            Episode episode,
            AlertKind kind,
            LowRun run,
            Sample sample,
            double level,
            double usualNoiseV,
            double pathV,
            boolean flickering,
            OverpotentialSettings settings) {
        if (!episode.firing() || run.samples() == 0) {
            return List.of();
        }
        if (!run.carriedMarked()) {
            if (!steadyUnderNoise(run, flickering)) {
                return filamentFollow(episode, kind, run, sample, level, usualNoiseV, pathV, flickering, settings);
            }
            if (carried(run, usualNoiseV, pathV, flickering, settings)) {
                run.markCarried();
            }
            return List.of();
        }
        if (run.samplesSinceCarried() < followUpSamples(run)) {
            return List.of();
        }
        Map<String, Double> evidence = evidence(sample, usualNoiseV, pathV);
        evidence.put("decidedOnSamples", (double) run.carriedAtSamples);
        LowRun.Readings read = run.sinceCarried();
        LeakEstimate leak = ShortWatch.readingsEvidence(evidence, sample, run, level, usualNoiseV, pathV, read);
        String message = String.format(
                Locale.ROOT,
                "The short's resistance over the %d readings after the %d that showed it measurable (mean %.2f mV, "
                        + "%.0f %% of the %.1f mV it had at this current): %s%s",
                read.samples(),
                run.carriedAtSamples,
                1000 * read.meanV(),
                100 * read.meanV() / pathV,
                1000 * pathV,
                leak.describe(),
                ShortWatch.resistanceNote(leak, evidence, ", the short's resistance not resolved from them"));
        return List.of(Episode.Evidence.of(sample)
                .alert(episode.alertId(), kind, Severity.CRITICAL, AlertStatus.FIRING, message, evidence));
    }

    /**
     * Whether the run's scatter is the measurement noise about one short (not a third of its steps
     * noisy, {@link LowRun#flickers()}, nor a flickering filament known): only then does the judgement that its readings carry R select the noise, and R
     * read after the judgement. A flickering filament's readings scatter by the filament itself, tens of
     * mV against about one of noise: the stretch the judgement stops at is a stretch of the filament, and
     * R is its effective value over exactly those readings (named by their first, and scored over
     * them); reading the next stretch instead reads another short (tried: a filament read 56 % of its
     * level after it carried R at 48 %, with no R resolved from it).
     */
    static boolean steadyUnderNoise(LowRun run, boolean flickering) {
        return !flickering && !run.flickers();
    }

    /** A flickering filament's R: from the run since the voltage fell, once it carries it ({@link #steadyUnderNoise}). */
    private static List<Alert> filamentFollow(
            Episode episode,
            AlertKind kind,
            LowRun run,
            Sample sample,
            double level,
            double usualNoiseV,
            double pathV,
            boolean flickering,
            OverpotentialSettings settings) {
        if (!carried(run, usualNoiseV, pathV, flickering, settings)) {
            return List.of();
        }
        Map<String, Double> evidence = evidence(sample, usualNoiseV, pathV);
        LowRun.Readings read = ShortWatch.read(run, usualNoiseV, ShortWatch.WHOLE_RUN);
        // R from the readings where the filament conducted, the leak from them all.
        LeakEstimate leak = ShortWatch.readingsEvidence(
                evidence,
                run,
                level,
                usualNoiseV,
                read,
                FilamentResistance.estimate(sample, run, read, usualNoiseV, pathV));
        if (!leak.resistanceResolved()) {
            return List.of();
        }
        String message = String.format(
                Locale.ROOT,
                "The short's resistance over the %d readings since the voltage fell (mean %.2f mV, %.0f %% of the "
                        + "%.1f mV it had at this current; R from the %d under the cell's own band, where the "
                        + "filament conducted): %s",
                read.samples(),
                1000 * read.meanV(),
                100 * read.meanV() / pathV,
                1000 * pathV,
                run.conducting().samples(),
                leak.describe());
        return List.of(Episode.Evidence.of(sample)
                .alert(episode.alertId(), kind, Severity.CRITICAL, AlertStatus.FIRING, message, evidence));
    }

    /** What every follow-up's evidence starts with: the level the run is read against, the current, the noise. */
    private static Map<String, Double> evidence(Sample sample, double usualNoiseV, double pathV) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("referenceV", pathV);
        evidence.put("currentA", sample.currentA());
        evidence.put("usualNoiseV", usualNoiseV);
        return evidence;
    }
}
