package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.Episode;
import java.util.Arrays;

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
     * What the channel's running test adds to its episodes' ids ({@code TestSequence#alertIdSuffix}), so a
     * stall of a later test on the channel is an episode of its own; null in a state stored before it was kept.
     */
    String testIdSuffix;
    /**
     * The two longest intervals between two rows of one step under current in this block of {@link
     * StallWatch#CADENCE_BLOCK_S} of test time, and in the one before it ({@link #cadenceS}).
     */
    double longestThisBlockS;

    double secondThisBlockS;
    double longestPreviousBlockS;
    double secondPreviousBlockS;
    /** Test time at which this block began. */
    double cadenceBlockStartS;

    public StallState() {
        // for the state-store codec
    }

    /** Data other than a sample (a cycle summary) arrived at {@code nowMs}: the channel is not silent. */
    public void noteArrival(long nowMs) {
        lastArrivalMs = nowMs;
    }

    /** Wall-clock time (ms) the channel's last sample arrived. */
    public long lastArrivalMs() {
        return lastArrivalMs;
    }

    /** What the channel's running test adds to its episodes' ids, as last noted ({@code ""} for none). */
    public String testIdSuffix() {
        return testIdSuffix == null ? "" : testIdSuffix;
    }

    public boolean firing() {
        return episode.firing();
    }

    /**
     * The channel's own logging cadence, s (0: none seen yet): the second longest interval between two rows
     * of one step under current over the last one to two days of test time. A habit recurs (a plateau's
     * time fallback comes every cycle); the longest alone may be the one silence that was a stall.
     */
    public double cadenceS() {
        double[] four = {longestThisBlockS, secondThisBlockS, longestPreviousBlockS, secondPreviousBlockS};
        Arrays.sort(four);
        return four[2];
    }

    /** Notes an interval in this block's two longest. */
    void noteInterval(double intervalS) {
        if (intervalS > longestThisBlockS) {
            secondThisBlockS = longestThisBlockS;
            longestThisBlockS = intervalS;
        } else if (intervalS > secondThisBlockS) {
            secondThisBlockS = intervalS;
        }
    }

    /** Starts a new block of the cadence; {@code keepPrevious} false forgets the cadence altogether. */
    void startCadenceBlock(double testTimeS, boolean keepPrevious) {
        longestPreviousBlockS = keepPrevious ? longestThisBlockS : 0;
        secondPreviousBlockS = keepPrevious ? secondThisBlockS : 0;
        longestThisBlockS = 0;
        secondThisBlockS = 0;
        cadenceBlockStartS = testTimeS;
    }

    /** Whether the channel's last sample was in a step that moves charge (a stall there is lost data). */
    public boolean underCurrent() {
        return stepType != null && stepType.underCurrent();
    }
}
