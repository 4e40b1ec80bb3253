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
    /**
     * The longest interval between two rows of one step under current, over this block of {@link
     * StallWatch#CADENCE_BLOCK_S} of test time and the one before it: the channel's own logging cadence,
     * as recent as two blocks.
     */
    double cadenceThisBlockS;

    double cadencePreviousBlockS;
    /** Test time at which this block began. */
    double cadenceBlockStartS;

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

    /** The longest recent interval between rows of one step under current, s (0: none seen yet). */
    public double cadenceS() {
        return Math.max(cadenceThisBlockS, cadencePreviousBlockS);
    }

    /** Whether the channel's last sample was in a step that moves charge (a stall there is lost data). */
    public boolean underCurrent() {
        return stepType == StepType.CHARGE || stepType == StepType.DISCHARGE;
    }
}
