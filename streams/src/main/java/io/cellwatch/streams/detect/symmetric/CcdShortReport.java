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
 * What {@link CriticalCurrentDensityDetector} says about the short once it has fallen: the alert's
 * message and evidence, and afterwards the short's resistance, sent once as an update of the firing
 * episode when the voltage holds steady under it.
 */
final class CcdShortReport {
    /** How the channel is judged: its settings, its area (1 without one), whether it has one, its usual noise. */
    record Context(CriticalCurrentDensitySettings settings, double areaCm2, boolean perArea, double usualNoiseV) {}

    private CcdShortReport() {}

    /**
     * After the alert: the short's resistance once the voltage holds steady under it (a flickering
     * filament has none yet) and is measured to the settings' precision (by the counters over the
     * steady readings' span, {@link TailCountersResistance}, or by the readings), or has been followed
     * for as long as the settings allow; sent once, as an update of the firing episode (same alert id).
     */
    static List<Alert> measure(CriticalCurrentDensityState state, Sample sample, Context at, double intervalV) {
        CriticalCurrentDensitySettings settings = at.settings();
        double usualNoise = at.usualNoiseV();
        if (!state.halves.live() || sample.currentA() == 0 || state.previousPlateauV <= 0) {
            return List.of();
        }
        double expected =
                ShortWatch.leastExpectedV(state.previousPlateauV, state.previousPlateauCurrentA, sample.currentA());
        ShortWatch.foldRuns(state.lowRun, state.pinRun, sample, expected, usualNoise, settings);
        foldTailCounters(state, sample, intervalV, settings.noiseRiseFactor() * usualNoise);
        LowRun run = state.shortPinned ? state.pinRun : state.lowRun;
        boolean waited = run.tailSamples() >= settings.resistanceWaitSamples()
                || sample.testTimeS() - state.shortAtTestTimeS >= settings.resistanceWaitS();
        if (!ShortWatch.steady(run, settings.steadyReadings())) {
            return List.of();
        }
        CountersRun counters = countersRead(state, run, sample, settings, usualNoise);
        if (counters != null
                ? !(waited || TailCountersResistance.measured(run, counters, state.interval, sample, settings))
                : !(waited
                                || ShortWatch.measured(
                                        run, usualNoise, settings.steadyReadings(), settings.resistanceRelativeError()))
                        || flickeredBetweenReadings(state, run, tailCounters(state), usualNoise)) {
            return List.of(); // (describe would withhold R from a tail the counters contradict: nothing to send)
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        String message = describe(state, sample, at, evidence);
        if (!evidence.containsKey("shortResistanceOhm")) {
            return List.of();
        }
        state.resistanceReported = true;
        return List.of(Episode.Evidence.of(sample)
                .alert(
                        state.episode.alertId(),
                        AlertKind.CRITICAL_CURRENT_DENSITY,
                        Severity.CRITICAL,
                        AlertStatus.FIRING,
                        message,
                        evidence));
    }

    /**
     * Follows each run's steady tail with the counters' intervals its readings close (after
     * {@link ShortWatch#foldRuns}): a tail that restarts drops them, an interval the counters do not
     * describe plainly ends what they can say of the tail.
     */
    static void foldTailCounters(
            CriticalCurrentDensityState state, Sample sample, double intervalV, double noisyStepV) {
        double fromS = state.interval.intervalStartS;
        foldTail(state.lowRun, state.lowTailCounters, state.lowSteadyCounters, sample, intervalV, fromS, noisyStepV);
        foldTail(state.pinRun, state.pinTailCounters, state.pinSteadyCounters, sample, intervalV, fromS, noisyStepV);
    }

    private static void foldTail(
            LowRun run,
            CountersRun counters,
            CountersRun steady,
            Sample sample,
            double intervalV,
            double fromS,
            double noisyStepV) {
        if (run.tailSamples() <= 1) {
            counters.reset();
            steady.reset();
            return;
        }
        if (Double.isNaN(intervalV)) {
            counters.broken = true;
            steady.reset(); // (the steady stretch starts again after it)
            return;
        }
        double readingV = sample.voltageV() * Math.signum(sample.currentA());
        counters.foldClosedBy(intervalV, fromS, sample.testTimeS(), noisyStepV, readingV);
        // An interval whose mean steps from the last by more than a noisy step of the readings is a filament
        // that changed between them: the counters' steady stretch, which R reads, starts again from it.
        steady.foldSteady(intervalV, fromS, sample.testTimeS(), noisyStepV, readingV);
    }

    /** The alert's message and evidence: the levels, the fall, and the short estimated from the run's steady tail. */
    static String describe(CriticalCurrentDensityState state, Sample sample, Context at, Map<String, Double> evidence) {
        CriticalCurrentDensitySettings settings = at.settings();
        LowRun run = state.shortPinned ? state.pinRun : state.lowRun;
        String message = CcdReport.describe(state, settings, at.areaCm2(), at.perArea(), evidence);
        if (state.shortBetweenReadings) {
            return betweenReadings(state, sample, at, evidence, message);
        }
        evidence.put("overpotentialV", run.meanSignedV());
        evidence.put("previousPlateauV", state.previousPlateauV);
        evidence.put("noiseV", state.halves.liveNoiseV());
        evidence.put("usualNoiseV", at.usualNoiseV());
        evidence.put("pinned", state.shortPinned ? 1.0 : 0.0);
        double pathV = pathV(state, sample);
        double level = state.shortPinned ? settings.hardShortFraction() : settings.collapseFraction();
        CountersRun tailCounters = tailCounters(state);
        String fromCounters = "";
        LeakEstimate leak = ShortWatch.runEvidence(
                evidence, sample, run, level, at.usualNoiseV(), pathV, settings.steadyReadings(), true);
        CountersRun counters = ShortWatch.steady(run, settings.steadyReadings())
                ? countersRead(state, run, sample, settings, at.usualNoiseV())
                : null;
        if (counters != null) {
            // The counters (their steady stretch, or the tail's own intervals: countersRead) give the voltage the
            // readings' noise hides, and that the filament held between the readings (their own steadiness, not
            // the readings' mean, judges that).
            leak = TailCountersResistance.estimate(evidence, sample, counters, state.interval, pathV);
            fromCounters = String.format(
                    Locale.ROOT,
                    " (from the cycler's counters: %.3f mV over the last %d intervals between the readings)",
                    1000 * counters.meanV(),
                    counters.intervals());
        } else if (leak.resistanceResolved() && flickeredBetweenReadings(state, run, tailCounters, at.usualNoiseV())) {
            evidence.put("tailCountersMeanV", tailCounters.meanV());
            evidence.remove("shortResistanceOhm");
            evidence.remove("shortResistanceUncertaintyOhm");
            leak = ShortResistanceFollowUp.withoutResistance(leak);
            leak.addTo(evidence);
        }
        return String.format(
                Locale.ROOT,
                "%s; overpotential fell to %.1f mV from %.1f mV%s; %s%s%s",
                message,
                1000 * run.meanSignedV(),
                1000 * state.previousPlateauV,
                run.noisy(settings.samplesToConfirm()) ? " with noisy steps (a flickering filament)" : "",
                leak.describe(),
                fromCounters,
                ShortWatch.resistanceNote(leak, evidence, " (the short's resistance follows once it holds steady)"));
    }

    /**
     * The counters the short's voltage is read from, or null for the readings: the steady stretch of the
     * tail's intervals where {@link TailCountersResistance#usable}, else the tail's intervals themselves
     * where the same test passes on them (every interval since the tail's first reading described
     * plainly, the readings closing them agreeing with them) and none of them steps from the one before
     * it by more than the readings' noisy step (the steady stretch's own rule: a filament that changed
     * between the readings is not one resistance).
     *
     * <p>Why the tail's own intervals: the steady stretch starts again after readings not folded in (a
     * half's first minutes after the current reversed), so a tail that spans the reversal has a stretch
     * of one interval on each side, and R fell back to the readings. Where the short's voltage is a few
     * times the readings' noise, three readings give it to a third of itself, and the first of them is
     * the reading the tail began at, just after the step that showed the filament still changing. Range
     * 13001's ccd-step-up seed 13003: readings of 12.3, 8.4 and 8.0 mV (noise σ 1.5 mV) sent 8.92 Ω ±
     * 1.31 Ω for a short of 6.23 Ω over them, while the counters read 7.5 and 6.8 mV over the two
     * intervals those readings close. The counters' mean over the tail's intervals is ∫V dt over their
     * span, the short's effective value over the readings it is named by ({@link TailCountersResistance});
     * a filament that changed between them scatters them, and their standard error owns up to it.
     */
    private static CountersRun countersRead(
            CriticalCurrentDensityState state,
            LowRun run,
            Sample sample,
            CriticalCurrentDensitySettings settings,
            double usualNoiseV) {
        CountersRun steady = steadyCounters(state);
        if (TailCountersResistance.usable(run, steady, state.interval, sample, settings, usualNoiseV)) {
            return steady;
        }
        CountersRun tail = tailCounters(state);
        return !tail.stepped && TailCountersResistance.usable(run, tail, state.interval, sample, settings, usualNoiseV)
                ? tail
                : null;
    }

    /** The counters' steady stretch inside that tail ({@link CountersRun#foldSteady}). */
    private static CountersRun steadyCounters(CriticalCurrentDensityState state) {
        return state.shortPinned ? state.pinSteadyCounters : state.lowSteadyCounters;
    }

    /** The counters kept for the steady tail of the run the short is followed on. */
    private static CountersRun tailCounters(CriticalCurrentDensityState state) {
        return state.shortPinned ? state.pinTailCounters : state.lowTailCounters;
    }

    /**
     * Whether the cycler's counters say the filament did not hold between the steady tail's readings:
     * their mean voltage over the intervals those readings close (energy over charge, integrated by the
     * firmware between the rows) differs from the readings' own mean by more than two of its standard
     * errors and the counters' printed step. A filament that conducted at each reading and burnt out
     * between them reads steady at the rows and is not one resistance; its R is withheld until both
     * measurements agree.
     *
     * <p>Where the counters do not cover every interval of the tail (one of them spans the current's
     * reversal between two halves, or a pause), the intervals they do describe judge, against the
     * readings that close them: each such interval is the same two measurements of the filament over
     * it. Range 13001's ccd-step-up seed 13001: a tail of 73, 75 and 95 mV readings across the reversal,
     * whose one plain interval the counters read at 294 mV (the filament burnt out for much of it); its
     * readings' 15.6 Ω was sent for a filament of 41 Ω over them. A tail without any plain interval
     * leaves the readings alone to judge.
     */
    static boolean flickeredBetweenReadings(
            CriticalCurrentDensityState state, LowRun run, CountersRun counters, double usualNoiseV) {
        if (run.tailSamples() < 2 || counters.intervals() < 1) {
            return false;
        }
        if (counters.broken || counters.intervals() != run.tailSamples() - 1) {
            double allowed = 2 * Math.hypot(counters.readingsErrorV(usualNoiseV), state.interval.printedErrorV);
            return Math.abs(counters.meanV() - counters.readingsMeanV()) > allowed;
        }
        LowRun.Readings tail = run.tail();
        double allowed = 2 * Math.hypot(ShortWatch.readErrorV(tail, usualNoiseV), state.interval.printedErrorV);
        return Math.abs(counters.meanV() - tail.meanV()) > allowed;
    }

    /** The electrolyte's overpotential at this level's current, scaled ohmically from the previous plateau. */
    private static double pathV(CriticalCurrentDensityState state, Sample sample) {
        return state.previousPlateauCurrentA > 0
                ? state.previousPlateauV * Math.abs(sample.currentA()) / state.previousPlateauCurrentA
                : state.previousPlateauV;
    }

    /**
     * A short seen by the counters alone ({@link CountersRun}): the filament's mean over those intervals
     * is the fall, and the leak is its mean over them (a flickering filament has no one resistance).
     */
    private static String betweenReadings(
            CriticalCurrentDensityState state,
            Sample sample,
            Context at,
            Map<String, Double> evidence,
            String message) {
        CountersRun run = state.countersRun;
        double meanV = run.meanV();
        // The integrated mean is steadier than one reading: one reading's noise bounds its error.
        LeakEstimate leak = ShortResistanceFollowUp.withoutResistance(ParallelPath.estimate(
                sample.currentA(), meanV, ParallelPath.noiseSigma(at.usualNoiseV()), pathV(state, sample)));
        evidence.put("overpotentialV", meanV);
        evidence.put("previousPlateauV", state.previousPlateauV);
        evidence.put("usualNoiseV", at.usualNoiseV());
        evidence.put("pinned", 0.0);
        evidence.put("thresholdFraction", at.settings().collapseFraction());
        evidence.put("countersIntervals", (double) run.intervals());
        evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, run.startTestTimeS);
        leak.addTo(evidence);
        return String.format(
                Locale.ROOT,
                "%s; the cycler's counters give a mean voltage of %.1f mV over the last %d intervals between readings,"
                        + " from %.1f mV (a filament conducting between the readings, which read the level); %s%s",
                message,
                1000 * meanV,
                run.intervals(),
                1000 * state.previousPlateauV,
                leak.describe(),
                " (the short's resistance follows once it holds steady)");
    }
}
