package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Whether a channel's data stopped growing while its last step was not a rest: a cycler that was
 * moving charge and fell silent has stopped writing (a crashed export, a full disk, a dead
 * channel), and every detector is blind until it writes again.
 *
 * <p>This condition reads the wall clock, so it is judged only by the live topology (a punctuation
 * over the channels it owns); replay, which has no wall clock, never raises it, and nothing it does
 * changes what a sample produces in the pipeline. {@code evaluate} plays it on the rows' own clock
 * ({@link #dueAtMs}), as it would run where a cycler logs in real time.
 */
public final class StallWatch {
    /**
     * Test time per block of the channel's cadence ({@link StallState#cadenceS}), s: a day holds many cycles,
     * so a plateau's long intervals of every cycle stay in it, and a protocol that changed is forgotten within
     * two.
     */
    static final double CADENCE_BLOCK_S = 86_400;

    private final DataQualityWatch watch;
    private final Function<ChannelInfo, DataQualitySettings> settings;

    StallWatch(DataQualityWatch watch, Function<ChannelInfo, DataQualitySettings> settings) {
        this.watch = watch;
        this.settings = settings;
    }

    /**
     * A sample of the channel arrived at {@code nowMs}; resolves a firing stall.
     *
     * @return the resolution, if the channel was stalled
     */
    public List<Alert> onSample(StallState state, Sample sample, long nowMs, ChannelInfo channel) {
        return onSample(state, sample, nowMs, channel, "");
    }

    /**
     * As {@link #onSample(StallState, Sample, long, ChannelInfo)}, noting what the channel's running test adds to
     * its episodes' ids ({@code testIdSuffix}): a stall it fires later is named after that test.
     */
    public List<Alert> onSample(StallState state, Sample sample, long nowMs, ChannelInfo channel, String testIdSuffix) {
        state.testIdSuffix = testIdSuffix.isEmpty() ? null : testIdSuffix;
        noteInterval(state, sample, nowMs, settings.apply(channel));
        state.lastArrivalMs = nowMs;
        state.stepType = sample.stepType();
        state.cycleIndex = sample.cycleIndex();
        state.stepIndex = sample.stepIndex();
        state.testTimeS = sample.testTimeS();
        state.wallTimeMs = sample.wallTimeMs();
        if (!state.episode.firing()) {
            return List.of();
        }
        return state.episode.quiet(
                Condition.STALLED.kind,
                1,
                Episode.Evidence.of(sample),
                "Data arrives again",
                Map.of("testTimeS", sample.testTimeS()));
    }

    /**
     * The operator ended the channel's test ({@code reason}): a firing stall resolves, since the silence
     * was the test's end, stamped where the data stopped.
     *
     * @return the resolution, if the channel was stalled
     */
    public List<Alert> onTestEnded(String channelId, StallState state, String reason) {
        if (!state.episode.firing()) {
            return List.of();
        }
        return state.episode.quiet(
                Condition.STALLED.kind,
                1,
                new Episode.Evidence(channelId, state.cycleIndex, state.testTimeS, state.wallTimeMs),
                "The operator ended the test (" + reason + "): the silence was its end",
                Map.of("testEnded", 1.0));
    }

    /**
     * When the channel's stall would fire if no sample came: its last arrival plus the channel's limit;
     * empty while it is not under current, has had no sample, or is already stalled.
     */
    public OptionalLong dueAtMs(StallState state, ChannelInfo channel) {
        if (state.lastArrivalMs == 0 || !state.underCurrent() || state.episode.firing()) {
            return OptionalLong.empty();
        }
        // Rounded up: check(due) must find the silence at least the limit.
        return OptionalLong.of(state.lastArrivalMs + (long) Math.ceil(1000 * limitS(state, settings.apply(channel))));
    }

    /**
     * How long the channel may be silent under current: the settings' limit, or twice its own recent
     * cadence where that is longer, up to the gap that counts as lost data inside a step. A cycler logs
     * on a change of voltage or, failing that, every Δt; on a flat plateau only Δt writes a row, so a
     * channel set to a 30-minute Δt is silent for 30 minutes between every two rows there and would be
     * "stalled" at each. Its longest recurring interval within a step is its Δt ({@link
     * StallState#cadenceS}: the second longest, so that one silence, a stall itself, does not become
     * the habit); two of them without a row is a row it missed, not its habit. A hole of {@code
     * maxSampleGapS} inside a step is lost data whatever the habit (the coarse-logging condition says
     * so of the rows), so the limit stops there.
     */
    static double limitS(StallState state, DataQualitySettings s) {
        return Math.max(s.stalledAfterS(), Math.min(2 * state.cadenceS(), s.maxSampleGapS()));
    }

    /**
     * Keeps the channel's cadence: the interval from its last row to this one when both are of one step
     * under current. An interval is the test clock's, but no longer than the two rows' arrivals were apart:
     * rows that arrive together (a backlog read after a restart, the live topology noting a channel's rows
     * at most every few seconds) say nothing of how often the cycler writes. A test clock that runs back (a
     * new test, or rows delivered again) forgets the cadence; a hole of {@code maxSampleGapS} or more is not
     * a cadence.
     */
    private static void noteInterval(StallState state, Sample sample, long nowMs, DataQualitySettings s) {
        boolean sameStep = state.stepType == sample.stepType()
                && state.stepIndex == sample.stepIndex()
                && state.cycleIndex == sample.cycleIndex();
        if (state.lastArrivalMs != 0 && sample.testTimeS() < state.testTimeS - 1) {
            state.startCadenceBlock(sample.testTimeS(), false);
        } else if (sample.testTimeS() - state.cadenceBlockStartS >= CADENCE_BLOCK_S) {
            state.startCadenceBlock(sample.testTimeS(), true);
        }
        if (state.lastArrivalMs == 0 || !sameStep || !state.underCurrent()) {
            return;
        }
        double intervalS = Math.min(sample.testTimeS() - state.testTimeS, (nowMs - state.lastArrivalMs) / 1000.0);
        if (intervalS > 0 && intervalS < s.maxSampleGapS()) {
            state.noteInterval(intervalS);
        }
    }

    /** Judges the channel at wall-clock time {@code nowMs}: a stall fires once, when it begins. */
    public List<Alert> check(StallState state, ChannelInfo channel, long nowMs) {
        double silentS = (nowMs - state.lastArrivalMs) / 1000.0;
        double limitS = limitS(state, settings.apply(channel));
        if (state.lastArrivalMs == 0 || !state.underCurrent() || silentS < limitS || state.episode.firing()) {
            return List.of();
        }
        List<String> blinded = watch.blinded(Condition.STALLED, channel);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("silentS", silentS);
        evidence.put("stalledAfterS", limitS);
        evidence.put("loggingCadenceS", state.cadenceS());
        evidence.put("blindedDetectors", (double) blinded.size());
        String message = String.format(
                Locale.ROOT,
                "No data for %.0f min while step %d of cycle %d (%s) was under way; blinds %s until data arrives again",
                silentS / 60,
                state.stepIndex,
                state.cycleIndex,
                state.stepType.name().toLowerCase(Locale.ROOT),
                blinded.isEmpty() ? "no detector" : String.join(", ", blinded));
        return state.episode.fire(
                Condition.STALLED.kind,
                Severity.WARNING,
                new Episode.Evidence(channel.channelId(), state.cycleIndex, state.testTimeS, state.wallTimeMs),
                message,
                evidence,
                state.testIdSuffix());
    }
}
