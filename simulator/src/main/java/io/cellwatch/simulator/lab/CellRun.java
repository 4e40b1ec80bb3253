package io.cellwatch.simulator.lab;

import java.util.SplittableRandom;

/**
 * One cell's run on the channel, whatever the cell: what it is given by the scenario (the cycler
 * that records it, the truth it tells, its protocol's randomness, where on the channel's clock it
 * starts and how long it may run) and the chamber's daily temperature swing around it.
 */
abstract class CellRun {
    /** What the scenario gives one cell's run. */
    record Turn(
            CyclerRecorder recorder,
            TruthBuilder truth,
            SplittableRandom protocol,
            double channelStartS,
            double maxLocalS) {}

    final CyclerRecorder recorder;
    final TruthBuilder truth;
    /** The protocol's randomness (never the measurement noise, which is the recorder's). */
    final SplittableRandom rng;
    /** Channel second at which this cell's local time 0 lies. */
    final double channelStartS;
    /** The run stops at this local time at the latest. */
    final double maxLocalS;
    /** Phase of the chamber's daily swing: channels do not breathe in lock step. */
    final double temperaturePhase;

    CellRun(Turn turn) {
        this.recorder = turn.recorder();
        this.truth = turn.truth();
        this.rng = turn.protocol();
        this.channelStartS = turn.channelStartS();
        this.maxLocalS = turn.maxLocalS();
        this.temperaturePhase = rng.nextDouble(2 * Math.PI);
    }

    /** Runs to the end; returns the local time of the end. */
    abstract double run();
}
