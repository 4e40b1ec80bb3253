package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.Episode;

/**
 * What the live topology keeps per channel for the {@link StallWatch}: when the channel's last
 * sample arrived (wall clock), where its test stood, and the stall episode.
 */
public final class StallState {
    long lastArrivalMs;
    StepType stepType;
    int cycleIndex;
    int stepIndex;
    double testTimeS;
    Long wallTimeMs;
    Episode episode = new Episode();

    public StallState() {
        // for the state-store codec
    }

    /** Wall-clock time (ms) the channel's last sample arrived. */
    public long lastArrivalMs() {
        return lastArrivalMs;
    }

    public boolean firing() {
        return episode.firing();
    }

    /** Whether the channel's last sample was in a step that moves charge (a stall there is lost data). */
    public boolean underCurrent() {
        return stepType == StepType.CHARGE || stepType == StepType.DISCHARGE;
    }
}
