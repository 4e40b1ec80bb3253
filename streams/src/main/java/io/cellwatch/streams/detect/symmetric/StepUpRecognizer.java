package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;

/**
 * Tells a current-density step-up test from steady cycling: declared in the channel's metadata, or
 * recognised when the current has risen from cycle to cycle {@link #RISES_TO_RECOGNISE} times in a
 * row (each level at least 5 % above the one before). In a step-up test the overpotential rises
 * with the current by design, so drift means nothing there; the critical-current-density detector
 * takes over.
 */
public final class StepUpRecognizer {
    static final int RISES_TO_RECOGNISE = 2;
    private static final double RISE = 1.05;

    boolean stepUp;
    boolean hasLevel;
    int levelCycle;
    double levelCurrentA;
    int rises;

    public StepUpRecognizer() {
        // for the state-store codec
    }

    /** Notes a closed half-cycle; returns whether the channel is running a step-up test. */
    public boolean onHalfCycle(HalfCycle half, ChannelInfo channel) {
        if (channel.protocol() == TestProtocol.STEP_UP) {
            stepUp = true;
        }
        if (!hasLevel || half.cycleIndex() != levelCycle) {
            if (hasLevel) {
                rises = half.meanCurrentA() > RISE * levelCurrentA ? rises + 1 : 0;
                if (rises >= RISES_TO_RECOGNISE) {
                    stepUp = true;
                }
            }
            hasLevel = true;
            levelCycle = half.cycleIndex();
            levelCurrentA = half.meanCurrentA();
        }
        return stepUp;
    }

    public boolean stepUp(ChannelInfo channel) {
        return stepUp || channel.protocol() == TestProtocol.STEP_UP;
    }
}
