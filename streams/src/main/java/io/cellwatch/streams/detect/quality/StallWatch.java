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
import java.util.function.Function;

/**
 * Whether a channel's data stopped growing while its last step was not a rest: a cycler that was
 * moving charge and fell silent has stopped writing (a crashed export, a full disk, a dead
 * channel), and every detector is blind until it writes again.
 *
 * <p>This condition reads the wall clock, so it is judged only by the live topology (a punctuation
 * over the channels it owns); replay, which has no wall clock, never raises it, and nothing it does
 * changes what a sample produces in the pipeline.
 */
public final class StallWatch {
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
    public List<Alert> onSample(StallState state, Sample sample, long nowMs) {
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

    /** Judges the channel at wall-clock time {@code nowMs}: a stall fires once, when it begins. */
    public List<Alert> check(StallState state, ChannelInfo channel, long nowMs) {
        double silentS = (nowMs - state.lastArrivalMs) / 1000.0;
        double limitS = settings.apply(channel).stalledAfterS();
        if (state.lastArrivalMs == 0 || !state.underCurrent() || silentS < limitS || state.episode.firing()) {
            return List.of();
        }
        List<String> blinded = watch.blinded(Condition.STALLED, channel);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("silentS", silentS);
        evidence.put("stalledAfterS", limitS);
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
                evidence);
    }
}
