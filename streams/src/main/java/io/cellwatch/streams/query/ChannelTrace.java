package io.cellwatch.streams.query;

import io.cellwatch.model.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * One channel's recent voltage and current (a ring of points at least a window's 1/{@value
 * #POINTS} of test time apart) and the overpotential of its recent half-cycles. Written by one
 * stream thread, read by HTTP threads: the methods are synchronized.
 */
final class ChannelTrace {
    static final int POINTS = 240;
    static final int HALF_CYCLES = 200;

    private final double spacingS;
    private final double[] testTimeS = new double[POINTS];
    private final float[] voltageV = new float[POINTS];
    private final float[] currentA = new float[POINTS];
    private int head;
    private int size;

    private final int[] halfCycleCycle = new int[HALF_CYCLES];
    private final double[] halfCycleTestTimeS = new double[HALF_CYCLES];
    private final float[] halfCycleV = new float[HALF_CYCLES];
    private int halfHead;
    private int halfSize;

    private long lastArrivalMs;
    private int lastCycle;
    private double lastTestTimeS;

    ChannelTrace(double windowS) {
        this.spacingS = windowS / POINTS;
    }

    /** A point, as sampled; the time series of one field of the page. */
    record Point(double testTimeS, double voltageV, double currentA) {}

    /** A half-cycle's plateau overpotential, as the overpotential detector measured it. */
    record HalfCycle(int cycle, double testTimeS, double overpotentialV) {}

    /** What the page shows of a channel. */
    record Snapshot(List<Point> points, List<HalfCycle> halfCycles, Double secondsSinceLastSample) {}

    synchronized void add(Sample sample, long nowMs) {
        lastArrivalMs = nowMs;
        lastCycle = sample.cycleIndex();
        lastTestTimeS = sample.testTimeS();
        int newest = (head + POINTS - 1) % POINTS;
        if (size > 0 && sample.testTimeS() - testTimeS[newest] < spacingS && sample.testTimeS() >= testTimeS[newest]) {
            return; // too close to the last point kept
        }
        testTimeS[head] = sample.testTimeS();
        voltageV[head] = (float) sample.voltageV();
        currentA[head] = (float) sample.currentA();
        head = (head + 1) % POINTS;
        size = Math.min(size + 1, POINTS);
    }

    synchronized void halfCycle(double overpotentialV) {
        halfCycleCycle[halfHead] = lastCycle;
        halfCycleTestTimeS[halfHead] = lastTestTimeS;
        halfCycleV[halfHead] = (float) overpotentialV;
        halfHead = (halfHead + 1) % HALF_CYCLES;
        halfSize = Math.min(halfSize + 1, HALF_CYCLES);
    }

    synchronized Double secondsSinceLastSample(long nowMs) {
        return lastArrivalMs == 0 ? null : Math.max(0, nowMs - lastArrivalMs) / 1000.0;
    }

    synchronized Snapshot snapshot(long nowMs) {
        List<Point> points = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int i = (head - size + k + POINTS) % POINTS;
            if (testTimeS[i] >= lastTestTimeS - spacingS * POINTS) {
                points.add(new Point(testTimeS[i], voltageV[i], currentA[i]));
            }
        }
        List<HalfCycle> halves = new ArrayList<>(halfSize);
        for (int k = 0; k < halfSize; k++) {
            int i = (halfHead - halfSize + k + HALF_CYCLES) % HALF_CYCLES;
            halves.add(new HalfCycle(halfCycleCycle[i], halfCycleTestTimeS[i], halfCycleV[i]));
        }
        return new Snapshot(points, halves, secondsSinceLastSample(nowMs));
    }
}
