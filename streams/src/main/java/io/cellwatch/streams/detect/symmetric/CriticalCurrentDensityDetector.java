package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Critical current density in step-up tests on symmetric cells: the current density (current over
 * the electrode area from the channel's metadata) is raised every level, by fixed time or by fixed
 * areal capacity per step, until the cell shorts. The CCD is the last level completed without a
 * short; the alert gives it with the step size, the capacity per step and the cumulative areal
 * capacity passed. A step-up need not be declared: the current's own rise, level by level, tells it
 * ({@link StepUpRecognizer}). Without a declared electrode area the levels are currents, in mA (and
 * capacities in mAh): the critical current, which the lab turns into a density with its area.
 *
 * <p>A level (one cycler cycle: a plating and a stripping half) is completed when its stripping half
 * has passed the charge its plating half passed. The short is judged live against the previous
 * half-cycle's plateau, which the overpotential of a step-up test only ever exceeds: a fall resolved
 * under three quarters of it, or under a tenth of it (pinned), on two readings, or on one whose
 * interval the cycler's energy and charge counters confirm ({@link IntervalMeanVoltage}: out of the
 * healthy band of what the level itself reads, {@link LevelPlateau}), is a short; so are the counters
 * alone resolved under three quarters of the level over two intervals in a row, whose readings a
 * flickering filament may leave at the level ({@link CountersRun}). The half's first minutes (the
 * nucleation peak) are judged too once a reading of it has reached the level. Its resistance follows, as an update of the episode, once the voltage holds steady. The
 * {@code critical_current_density_ma_per_cm2} reading follows the levels as they complete, so a cell
 * that never shorts shows "at least" the last level.
 */
public final class CriticalCurrentDensityDetector extends ProfiledDetector<CriticalCurrentDensityState>
        implements SampleDetector<CriticalCurrentDensityState> {

    public static final String NAME = "critical-current-density";
    private static final AlertKind KIND = AlertKind.CRITICAL_CURRENT_DENSITY;
    /** A completed level whose current differs by more than this fraction is the next level, not a repeat. */
    private static final double ANOTHER_LEVEL = 0.05;

    public CriticalCurrentDensityDetector(ProfileSelector profiles) {
        super(NAME, CriticalCurrentDensityState.class, CriticalCurrentDensityState::new, SYMMETRIC, profiles);
    }

    @Override
    public List<Alert> onSample(
            CriticalCurrentDensityState state, Sample sample, ChannelInfo channel, ReadingSink readings) {
        double dtS = state.clock.advance(sample);
        if (dtS < 0) {
            return List.of();
        }
        if (sample.currentA() == 0) {
            state.offset.atRest(sample.voltageV());
        } else {
            state.offset.underCurrent();
        }
        // Every reading moves the counters' interval, before anything returns.
        double intervalV = state.interval.accept(sample);
        if (Double.isNaN(intervalV)) {
            state.countersRun.reset(); // its intervals are consecutive plain ones
        }
        CriticalCurrentDensitySettings settings = profiles.forChannel(channel).criticalCurrentDensity();
        // Without an area, "per cm²" becomes per cell: the figures are currents (mA) and charges (mAh).
        double areaCm2 = channel.electrodeAreaCm2() != null ? channel.electrodeAreaCm2() : 1;
        ReadingSink densities = channel.electrodeAreaCm2() != null ? readings : ReadingSink.NONE;
        double usualNoise = Math.max(settings.minNoiseV(), state.usualNoiseV);
        HalfCycle closed = state.halves.accept(sample, dtS, settings.liveAlpha(), settings.noiseAlpha(), usualNoise);
        if (closed != null) {
            state.stepUp.onHalfCycle(closed, channel);
            // Steady cycling has levels too, but no critical current density to report.
            onHalfCycle(
                    state,
                    closed,
                    sample,
                    settings,
                    areaCm2,
                    state.stepUp.stepUp(channel) ? densities : ReadingSink.NONE);
        }
        boolean perArea = channel.electrodeAreaCm2() != null;
        if (state.shorted) {
            return state.resistanceReported
                    ? List.of()
                    : CcdShortReport.measure(
                            state,
                            sample,
                            new CcdShortReport.Context(settings, areaCm2, perArea, usualNoise),
                            intervalV);
        }
        if (!state.halves.open()) {
            return List.of();
        }
        if (!state.levelComplete
                && state.hasLevel
                && state.halves.cycleIndex() == state.levelCycle
                && state.levelHalves == 1
                && state.halves.chargeAh() >= settings.levelCompleteFraction() * state.levelFirstHalfAh) {
            // The stripping half has given back what the plating half passed: the level is done, even if
            // the test ends here and no next sample will ever close the half-cycle.
            completeLevel(
                    state,
                    (state.levelCurrentSumA + state.halves.meanCurrentA()) / 2,
                    areaCm2,
                    settings,
                    sample,
                    state.stepUp.stepUp(channel) ? densities : ReadingSink.NONE);
        }
        if (!state.stepUp.stepUp(channel) || state.previousPlateauV <= 0) {
            return List.of();
        }
        // The nucleation window is kept out of the level's plateau, not out of judgement once a reading of
        // this half has reached the level: the peak only raises the voltage, a short lowers it.
        if (!state.halves.live() && !state.levelPlateau.built(state.halves.startTestTimeS())) {
            state.levelPlateau.reached(signedV(sample), expectedV(state, sample));
            state.countersRun.reset();
            return List.of();
        }
        return judgeLive(state, sample, new CcdShortReport.Context(settings, areaCm2, perArea, usualNoise), intervalV);
    }

    private static double signedV(Sample sample) {
        return sample.voltageV() * Math.signum(sample.currentA());
    }

    /** A step-up's overpotential only rises with the current: the previous plateau is the least it can be. */
    private static double expectedV(CriticalCurrentDensityState state, Sample sample) {
        return ShortWatch.leastExpectedV(state.previousPlateauV, state.previousPlateauCurrentA, sample.currentA());
    }

    private void onHalfCycle(
            CriticalCurrentDensityState state,
            HalfCycle half,
            Sample next,
            CriticalCurrentDensitySettings settings,
            double areaCm2,
            ReadingSink readings) {
        state.passedAh += half.chargeAh();
        if (state.shorted) {
            return;
        }
        if (!Double.isNaN(half.plateauV())) {
            state.previousPlateauV = half.plateauV();
            state.previousPlateauCurrentA = half.meanCurrentA();
        }
        if (!Double.isNaN(half.noiseV())) {
            state.usualNoiseV = state.usualNoiseV == 0
                    ? half.noiseV()
                    : state.usualNoiseV + 0.3 * (half.noiseV() - state.usualNoiseV);
        }
        if (!state.hasLevel || half.cycleIndex() != state.levelCycle) {
            state.hasLevel = true;
            state.levelCycle = half.cycleIndex();
            state.levelHalves = 0;
            state.levelComplete = false;
            state.levelCurrentSumA = 0;
        }
        state.levelHalves++;
        if (state.levelHalves == 1) {
            state.levelFirstHalfAh = half.chargeAh();
            state.levelFirstHalfS = half.durationS();
            state.levelCurrentSumA = half.meanCurrentA();
        } else if (!state.levelComplete
                && half.chargeAh() >= settings.levelCompleteFraction() * state.levelFirstHalfAh) {
            completeLevel(state, (state.levelCurrentSumA + half.meanCurrentA()) / 2, areaCm2, settings, next, readings);
        }
    }

    private static void completeLevel(
            CriticalCurrentDensityState state,
            double meanCurrentA,
            double areaCm2,
            CriticalCurrentDensitySettings settings,
            Sample sample,
            ReadingSink readings) {
        state.levelComplete = true;
        double completed = round(1000 * meanCurrentA / areaCm2, settings.resolutionMaPerCm2());
        // Several cycles per level repeat one level: the step is between levels, not between cycles. A
        // cycler regulates its current to a fraction of a percent and a lab steps it by 10 % or more.
        if (Math.abs(completed - state.completedMaPerCm2) > ANOTHER_LEVEL * completed) {
            state.previousCompletedMaPerCm2 = state.completedMaPerCm2;
        }
        state.completedMaPerCm2 = completed;
        state.completedArealCapacityMahPerCm2 = 1000 * state.levelFirstHalfAh / areaCm2;
        state.completedStepS = state.levelFirstHalfS;
        state.levelsCompleted++;
        readings.report(sample.channelId(), HealthReading.CRITICAL_CURRENT_DENSITY_MA_PER_CM2, state.completedMaPerCm2);
    }

    private List<Alert> judgeLive(
            CriticalCurrentDensityState state, Sample sample, CcdShortReport.Context at, double intervalV) {
        CriticalCurrentDensitySettings settings = at.settings();
        double usualNoise = at.usualNoiseV();
        double expected = expectedV(state, sample);
        double sigmaFraction = ShortWatch.foldRuns(state.lowRun, state.pinRun, sample, expected, usualNoise, settings);
        CcdShortReport.foldTailCounters(state, sample, intervalV, settings.noiseRiseFactor() * usualNoise);
        // The counters' healthy band is what this level reads: the least of its own plateau readings so far
        // where that is above the previous plateau (a new level reads higher), else the previous plateau.
        double ownLeastV = state.levelPlateau.leastV(state.halves.startTestTimeS());
        double bandV = Double.isNaN(ownLeastV) ? expected : Math.max(expected, ownLeastV);
        // One reading is enough when the counters' mean voltage over the interval it closes is under the
        // level too: two measurements of one fall, which a glitch of the reading alone does not make.
        CcdFall.Fall reading = new CcdFall.Fall(signedV(sample) / expected, sigmaFraction, 0);
        CcdFall.Fall counters = new CcdFall.Fall(
                intervalV / bandV, sigmaFraction * expected / bandV, state.interval.printedErrorV / bandV);
        boolean pinned = CcdFall.fell(state.pinRun, settings.hardShortFraction(), settings, reading, counters)
                && ShortWatch.offsetCannotCancel(state.offset, settings.hardShortFraction(), expected);
        boolean collapsed = CcdFall.fell(state.lowRun, settings.collapseFraction(), settings, reading, counters)
                && ShortWatch.offsetCannotCancel(state.offset, settings.collapseFraction(), expected);
        boolean between = CcdFall.conductedBetweenReadings(state, settings, counters, intervalV)
                && ShortWatch.offsetCannotCancel(state.offset, settings.collapseFraction(), bandV);
        if (!pinned && !collapsed && !between) {
            if (state.halves.live() && reading.fraction() >= settings.collapseFraction()) {
                state.levelPlateau.add(signedV(sample));
            }
            state.levelPlateau.reached(signedV(sample), expected);
            return List.of();
        }
        state.shorted = true;
        state.shortPinned = pinned;
        state.shortBetweenReadings = !pinned && !collapsed;
        state.shortAtTestTimeS = sample.testTimeS();
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("intervalMeanVoltageV", intervalV);
        evidence.put("healthyBandReferenceV", bandV);
        String message = CcdShortReport.describe(state, sample, at, evidence);
        state.resistanceReported = evidence.containsKey("shortResistanceOhm");
        // The short's resistance follows from the readings once they hold it, whatever showed the fall.
        state.shortBetweenReadings = false;
        return state.episode.fire(KIND, Severity.CRITICAL, Episode.Evidence.of(sample), message, evidence);
    }

    /** Rounds to the resolution (1/integer), dividing by the integer so 2.4 comes out as the double 2.4. */
    static double round(double value, double resolution) {
        double scale = Math.rint(1 / resolution);
        return Math.rint(value * scale) / scale;
    }
}
