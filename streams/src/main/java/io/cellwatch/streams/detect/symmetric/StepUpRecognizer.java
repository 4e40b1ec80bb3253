package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;

/**
 * Tells a current-density step-up test from steady cycling: declared in the channel's metadata, or
 * recognised when the current has risen level by level {@link #RISES_TO_RECOGNISE} times without
 * falling back (each level at least 5 % above the one before; a level may last several cycles, as
 * labs repeat cycles per level). In a step-up test the overpotential rises with the current by
 * design, so drift means nothing there; the critical-current-density detector takes over. A
 * recognised (undeclared) step-up whose current then holds for {@link #CYCLES_TO_RELEASE} cycles was
 * a conditioning ramp into steady cycling: the channel is judged as steady cycling again.
 */
public final class StepUpRecognizer {
    static final int RISES_TO_RECOGNISE = 2;
    /** Step-up protocols repeat 1–5 cycles per level; twice that at one current is steady cycling. */
    static final int CYCLES_TO_RELEASE = 10;

    private static final double RISE = 1.05;

    boolean stepUp;
    boolean hasLevel;
    int levelCycle;
    double levelCurrentA;
    int rises;
    /** Cycles begun at the current level's current since it began. */
    int cyclesAtLevel;

    public StepUpRecognizer() {
        // for the state-store codec
    }

    /** Notes a closed half-cycle; returns whether the channel is running a step-up test. */
    public boolean onHalfCycle(HalfCycle half, ChannelInfo channel) {
        if (!hasLevel) {
            hasLevel = true;
            levelCycle = half.cycleIndex();
            levelCurrentA = half.meanCurrentA();
            cyclesAtLevel = 1;
        } else if (half.cycleIndex() != levelCycle) {
            levelCycle = half.cycleIndex();
            double ratio = half.meanCurrentA() / levelCurrentA;
            if (ratio > RISE) {
                rises++;
                levelCurrentA = half.meanCurrentA();
                cyclesAtLevel = 1;
                stepUp |= rises >= RISES_TO_RECOGNISE;
            } else if (ratio < 1 / RISE) {
                rises = 0; // the current fell back: a rate change, not a step-up
                levelCurrentA = half.meanCurrentA();
                cyclesAtLevel = 1;
            } else if (++cyclesAtLevel >= CYCLES_TO_RELEASE) {
                rises = 0;
                stepUp = false;
            }
        }
        return stepUp(channel);
    }

    public boolean stepUp(ChannelInfo channel) {
        return stepUp || channel.protocol() == TestProtocol.STEP_UP;
    }
}
