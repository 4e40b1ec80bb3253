package io.cellwatch.ingest.format.neware.nda;

/**
 * What a Neware layout leaves out, reconstructed from the records in file order, the way BTSDA
 * shows it: the step count (a new step whenever {@link NewareRow#stepKey} changes), total time from
 * step time (the longest step time of every finished step added up, then the current step time) or
 * step time from total time (BTS 9.1 stores only total time), and a cycle number for the one layout
 * that stores none (BTS 9.0 nda).
 *
 * <p>Cycle numbering. Where the file stores the cycler's cycle counter, cellwatch keeps it, as
 * BTSDA (Neware's own software) and fastnda's raw mode do; NewareNDA by default regenerates cycles
 * (a new cycle at a charge step that follows a discharge), which gives other numbers on files whose
 * schedule cycles differently (SIM.nda: 1 cycle against BTSDA's 100). The stored counter is what the
 * lab sees in BTS and what its schedule's loop steps mean. Only where no counter is stored is one
 * generated, by fastnda's {@code auto} rule (the first charge or discharge step sets the direction
 * that starts a new cycle), which needs no look-ahead and so works on a growing file.
 *
 * <p>State is a handful of numbers, whatever the file's length; a reader re-reading a file from its
 * start makes a new timeline.
 */
public final class NewareTimeline {
    private boolean started;
    private long lastKey;
    private int stepCount;
    private double stepOffsetS;
    private double longestStepTimeS;
    private double previousStepEndS;
    private double latestTotalS;
    private int lastDirection;
    private int cycleStartDirection;
    private int generatedCycle = 1;

    /** Fills {@link NewareRow#stepCount}, the missing time, and {@link NewareRow#cycle}. */
    public void advance(NewareRow row) {
        boolean newStep = !started || row.stepKey != lastKey;
        if (newStep) {
            if (started) {
                stepOffsetS += longestStepTimeS;
                previousStepEndS = latestTotalS;
            }
            longestStepTimeS = 0;
            stepCount++;
            lastKey = row.stepKey;
            started = true;
        }
        row.stepCount = stepCount;
        if (Double.isNaN(row.stepTimeS)) {
            row.stepTimeDerived = true;
            row.stepTimeS = Double.isNaN(row.totalTimeS) ? 0 : row.totalTimeS - previousStepEndS;
        }
        if (Double.isNaN(row.totalTimeS)) {
            row.totalTimeS = stepOffsetS + row.stepTimeS;
        }
        longestStepTimeS = Math.max(longestStepTimeS, row.stepTimeS);
        latestTotalS = Math.max(latestTotalS, row.totalTimeS);
        row.cycle = row.storedCycle > 0 ? row.storedCycle : generatedCycle(row.status);
    }

    private int generatedCycle(int status) {
        int direction = NewareStatus.direction(status);
        if (direction != 0) {
            if (cycleStartDirection == 0) {
                cycleStartDirection = direction;
            }
            if (lastDirection != 0 && direction != lastDirection && direction == cycleStartDirection) {
                generatedCycle++;
            }
            lastDirection = direction;
        }
        return generatedCycle;
    }
}
