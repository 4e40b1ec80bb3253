package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.PausedInterval;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The data-quality watch: warns when a channel's data is too poor for the detectors that judge it,
 * and says which of them it blinds and for how long. It runs in the channel pipeline beside the
 * detectors (live and in replay alike), sees every sample the summarizer takes, each restart of the
 * record numbers the channel's test sequence found, and every row of the channel's export that
 * could not be read. Each
 * condition is one alert episode of its own kind ({@code data_quality_*}, warning), resolved after
 * {@link DataQualitySettings#resolveAfterCycles()} cycles without it (coarse logging: cycles whose logging was
 * judged and found fine, or whose too-short charges were logged finely; any other cycle counts for nothing).
 *
 * <p>Whether a channel stopped sending while under current needs the wall clock, which replay has
 * not: that condition is {@link StallWatch}'s, run by the live topology only.
 */
public final class DataQualityWatch implements SampleDetector<DataQualityState> {
    public static final String NAME = "data-quality";

    private final Function<ChannelInfo, DataQualitySettings> settings;
    private final Map<String, Predicate<ChannelInfo>> detectors;

    /**
     * @param settings  the thresholds for a channel
     * @param detectors the other detectors of the pipeline, by name, with whether each runs on a channel:
     *                  an alert names the ones it blinds
     */
    public DataQualityWatch(
            Function<ChannelInfo, DataQualitySettings> settings, Map<String, Predicate<ChannelInfo>> detectors) {
        this.settings = settings;
        this.detectors = new LinkedHashMap<>(detectors);
    }

    /** The live topology's watch for channels that fell silent under current (wall clock; not in replay). */
    public StallWatch stallWatch() {
        return new StallWatch(this, settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<DataQualityState> stateType() {
        return DataQualityState.class;
    }

    @Override
    public DataQualityState newState(ChannelInfo channel) {
        return new DataQualityState();
    }

    @Override
    public List<Alert> onSample(DataQualityState state, Sample sample, ChannelInfo channel, ReadingSink readings) {
        DataQualitySettings limits = settings.apply(channel);
        List<Alert> out = new ArrayList<>(0);
        boolean newStep =
                !state.started || sample.cycleIndex() != state.cycleIndex || sample.stepIndex() != state.stepIndex;
        if (state.started && newStep) {
            if (!StepLogging.goesOn(state, sample)) {
                fire(state, StepLogging.judge(state, channel.channelId(), channel.cellType(), limits), channel, out);
            }
            fire(state, DeclaredCell.judge(state, channel), channel, out);
        }
        if (state.started && sample.cycleIndex() != state.cycleIndex) {
            closeCycle(state, sample, limits, out);
            readings.report(channel.channelId(), HealthReading.DATA_QUALITY_ISSUES, state.firing());
        }
        boolean paused = state.started
                && !newStep
                && PausedInterval.paused(
                        state.lastChargeAh,
                        state.lastDischargeAh,
                        state.lastCurrentA,
                        sample,
                        sample.testTimeS() - state.lastTestTimeS);
        if (paused) {
            state.stepPausedS += sample.testTimeS() - state.lastTestTimeS;
        }
        if (state.started) {
            fire(state, ClockChecks.onSample(state, sample, limits), channel, out);
            fire(state, ReadingChecks.counterReset(state, sample), channel, out);
        }
        if (newStep) {
            openStep(state, sample, limits);
        }
        fire(state, ReadingChecks.frozen(state, sample, limits), channel, out);
        fire(state, ReadingChecks.carriedOver(state, sample, limits), channel, out);
        List<Finding> outOfRange = ReadingChecks.outOfRange(sample, limits);
        for (Finding finding : outOfRange) {
            fire(state, finding, channel, out);
        }
        if (!newStep && outOfRange.isEmpty()) {
            DeclaredCell.count(state, sample);
        }
        StepLogging.count(state, sample, limits, paused);
        remember(state, sample);
        if (!out.isEmpty()) {
            readings.report(channel.channelId(), HealthReading.DATA_QUALITY_ISSUES, state.firing());
        }
        return out;
    }

    /**
     * The channel's {@link io.cellwatch.streams.pipeline.TestSequence} found the cycler's record
     * numbers restarted while the test clock ran on (it tells that from a redelivered row, and
     * numbers the rows on past the old ones): the warning is raised here, and only here.
     *
     * @param raw    the sample as the cycler numbered it
     * @param reason the sequence's reading, with both record numbers
     */
    public List<Alert> onRecordRestart(
            DataQualityState state, Sample raw, String reason, ChannelInfo channel, ReadingSink readings) {
        List<Alert> out = new ArrayList<>(0);
        fire(state, ClockChecks.recordRestart(state, raw, reason), channel, out);
        if (!out.isEmpty()) {
            readings.report(channel.channelId(), HealthReading.DATA_QUALITY_ISSUES, state.firing());
        }
        return out;
    }

    /** A row of the channel's export that could not be read. */
    public List<Alert> onUnreadableRow(
            DataQualityState state, UnreadableRow row, ChannelInfo channel, ReadingSink readings) {
        state.unreadableRows++;
        readings.report(channel.channelId(), HealthReading.UNREADABLE_ROWS, state.unreadableRows);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("unreadableRows", (double) state.unreadableRows);
        String what = String.format(
                Locale.ROOT,
                "Unreadable row%s: field '%s': %s",
                row.location() == null ? "" : " at " + row.location(),
                row.field(),
                row.reason());
        Episode.Evidence at = state.evidenceAt(channel.channelId());
        List<Alert> out = new ArrayList<>(0);
        fire(state, new Finding(Condition.UNREADABLE_ROWS, at, what, "for the rows missing", evidence), channel, out);
        if (!out.isEmpty()) {
            readings.report(channel.channelId(), HealthReading.DATA_QUALITY_ISSUES, state.firing());
        }
        return out;
    }

    private void fire(DataQualityState state, Finding finding, ChannelInfo channel, List<Alert> out) {
        if (finding == null) {
            return;
        }
        state.seenThisCycle |= finding.condition().bit();
        List<String> blinded = blinded(finding.condition(), channel);
        Map<String, Double> evidence = new LinkedHashMap<>(finding.evidence());
        evidence.put("blindedDetectors", (double) blinded.size());
        String blinds = finding.condition().blindsNone()
                ? "no detector"
                : blinded.isEmpty() ? "no detector running on this channel" : String.join(", ", blinded);
        String message =
                finding.what() + "; blinds " + blinds + (finding.howLong().isEmpty() ? "" : " " + finding.howLong());
        out.addAll(state.episode(finding.condition())
                .fire(finding.condition().kind, Severity.WARNING, finding.at(), message, evidence));
    }

    /** The detectors running on this channel that the condition can blind. */
    List<String> blinded(Condition condition, ChannelInfo channel) {
        List<String> names = new ArrayList<>();
        if (condition.blindsNone()) {
            return names;
        }
        detectors.forEach((name, appliesTo) -> {
            if ((condition.candidates.isEmpty() || condition.candidates.contains(name)) && appliesTo.test(channel)) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * The open cycle ended: conditions not seen in it count towards their resolution (coarse logging only where the
     * cycle's logging was judged: see {@link StepLogging#judge}).
     */
    private static void closeCycle(DataQualityState state, Sample next, DataQualitySettings limits, List<Alert> out) {
        Episode.Evidence at = state.evidenceAt(next.channelId());
        for (Condition condition : Condition.values()) {
            Episode episode = state.episodes.get(condition.name());
            if (episode == null || !episode.firing() || (state.seenThisCycle & condition.bit()) != 0) {
                continue;
            }
            if (condition == Condition.COARSE_LOGGING && !state.loggingJudgedThisCycle) {
                // no charge long enough to judge (or all held at constant voltage), none short but logged finely
                continue;
            }
            out.addAll(episode.quiet(
                    condition.kind,
                    limits.resolveAfterCycles(),
                    at,
                    String.format(
                            Locale.ROOT,
                            "No %s for %d cycles",
                            condition.kind.wireName().replace('_', ' '),
                            limits.resolveAfterCycles()),
                    Map.of("cleanCycles", (double) limits.resolveAfterCycles())));
        }
        state.episodes.values().removeIf(episode -> !episode.firing());
        state.seenThisCycle = 0;
        state.loggingJudgedThisCycle = false;
    }

    private static void openStep(DataQualityState state, Sample sample, DataQualitySettings limits) {
        boolean sameCycle = state.started && sample.cycleIndex() == state.cycleIndex;
        boolean goesOn = StepLogging.goesOn(state, sample);
        if (state.started) {
            // The type the last sample had, which a file without step numbers changes within a step: with the step's
            // opening type, a discharge's last current was taken for a charge's and "carried" into every later
            // discharge, a stuck reading raised once a cycle.
            state.previousStepType = state.lastStepType != null ? state.lastStepType : state.stepType;
            state.previousStepCurrentA = state.previousStepType.underCurrent() ? state.lastCurrentA : 0;
            if (sameCycle && state.stepType.underCurrent()) {
                state.closedStepIndex = state.stepIndex;
                state.closedStepSamples = state.stepSamples;
                state.closedStepS = StepLogging.loggedS(state);
                state.closedStepBeganData = state.stepBeganData;
                state.closedStepFirstIndex = state.stepFirstIndex;
                state.closedStepHeldSamples = StepLogging.heldSamples(state, limits);
                state.closedStepHeldS = StepLogging.heldS(state, limits);
                state.closedStepAh = state.stepCarriedAh + state.stepPassedAh;
                state.closedStepHeldAh =
                        state.stepHeldAh + (StepLogging.ownPartHeld(state, limits) ? state.stepPassedAh : 0);
            } else if (!sameCycle) {
                state.closedStepIndex = 0;
                state.closedStepSamples = 0;
                state.closedStepS = 0;
            }
        }
        // The same step of the same cycle again, after another step came between: the cycler resumed it.
        boolean resumed = sameCycle
                && state.closedStepSamples > 0
                && sample.stepIndex() == state.closedStepIndex
                && sample.stepType().underCurrent();
        // Resumed, or the next step of the same charge (constant voltage after constant current): one step whole.
        boolean carried = resumed || goesOn;
        state.carriedSamples = 0;
        state.cycleIndex = sample.cycleIndex();
        state.stepIndex = sample.stepIndex();
        state.stepFirstIndex = carried ? state.closedStepFirstIndex : sample.stepIndex();
        state.stepType = sample.stepType();
        state.stepFromTestTimeS = state.started ? state.lastTestTimeS : sample.testTimeS();
        state.stepBeganData = carried ? state.closedStepBeganData : !state.started;
        state.stepSamples = carried ? state.closedStepSamples : 0;
        state.carriedStepS = carried ? state.closedStepS : 0;
        state.stepPausedS = 0;
        state.stepVoltAh = 0;
        state.stepAh = 0;
        state.stepHeldSamples = carried ? state.closedStepHeldSamples : 0;
        state.stepHeldS = carried ? state.closedStepHeldS : 0;
        state.stepCarriedAh = carried ? state.closedStepAh : 0;
        state.stepHeldAh = carried ? state.closedStepHeldAh : 0;
        state.stepOwnSamples = 0;
        state.stepPassedAh = 0;
        state.stepHighV = Double.NaN;
        state.stepLowV = Double.NaN;
        state.stepPeakCurrentA = 0;
    }

    private static void remember(DataQualityState state, Sample sample) {
        state.started = true;
        state.stepSamples++;
        state.stepOwnSamples++;
        state.lastDataPoint = sample.dataPoint();
        state.lastTestTimeS = sample.testTimeS();
        state.lastWallTimeMs = sample.wallTimeMs();
        state.lastVoltageV = sample.voltageV();
        state.lastCurrentA = sample.currentA();
        state.lastStepType = sample.stepType();
        state.lastChargeAh = sample.chargeCapacityAh();
        state.lastDischargeAh = sample.dischargeCapacityAh();
    }
}
