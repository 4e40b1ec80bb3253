package io.cellwatch.streams.detect.imminent;

/**
 * Where a charge's rows last began to fall: the last row not lower than the one before it. A voltage falling
 * under charge current row after row is a cell drained into a short, however small each step (a cycler that logs
 * a row per few millivolts of change writes a collapse as steps under its noise), so a fall is judged from here,
 * not from the row before.
 */
final class ChargeDescent {
    /** |V| of the latest row (NaN before the first, or after a restart). */
    double latestV = Double.NaN;
    /** |V| of the row the descent began at. */
    double fromV = Double.NaN;
    /** Test time of the row the descent began at, s. */
    double fromTestTimeS = Double.NaN;
    /** Rows since it began, each lower than the one before. */
    int rowsFalling;
    /**
     * Test time of the descent's first row under the limit it is judged against ({@link #markUnder}), s (NaN
     * while none).
     */
    double firstUnderTestTimeS = Double.NaN;
    /** Whether one of them came after a pause or rows at no current: part of the fall came with no charge current. */
    boolean throughPause;

    ChargeDescent() {
        // for the state-store codec
    }

    /** A charge row: lower than the one before continues the descent; any other begins one here. */
    void row(double voltageV, double testTimeS) {
        row(voltageV, testTimeS, false);
    }

    /** As {@link #row(double, double)}, for a row after a pause or rows at no current (no charge current between). */
    void row(double voltageV, double testTimeS, boolean afterPause) {
        if (!(voltageV < latestV)) {
            throughPause = false;
            fromV = voltageV;
            fromTestTimeS = testTimeS;
            rowsFalling = 0;
            firstUnderTestTimeS = Double.NaN;
        } else {
            rowsFalling++;
            throughPause |= afterPause;
        }
        latestV = voltageV;
    }

    /** The latest row lies under the limit the descent is judged against: the first such row is remembered. */
    void markUnder(double testTimeS) {
        if (Double.isNaN(firstUnderTestTimeS)) {
            firstUnderTestTimeS = testTimeS;
        }
    }

    /** Rows that do not charge (or a new charge) break the descent: the next charge row begins one. */
    void restart() {
        latestV = Double.NaN;
    }
}
