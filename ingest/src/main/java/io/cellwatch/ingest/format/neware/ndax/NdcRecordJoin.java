package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.neware.nda.NewareRow;
import java.io.IOException;

/**
 * Completes a voltage/current record of {@code data.ndc}: its times and counters from its
 * {@code data_runInfo.ndc} row, or filled in ({@link RunInfoFill}); its cycle, step index and status
 * from {@code data_step.ndc}, whose rows are the test's steps in order, so the n-th step number met
 * in runInfo is the n-th step row.
 */
final class NdcRecordJoin {
    private final NdcRunInfoTable runInfo;
    private final NdcStepTable steps;
    private final RunInfoFill fill = new RunInfoFill();
    private boolean started;
    private long lastStep;
    private int ordinal;
    private int cycle;
    private int stepIndex;
    private int status;

    NdcRecordJoin(NdcRunInfoTable runInfo, NdcStepTable steps) {
        this.runInfo = runInfo;
        this.steps = steps;
    }

    void join(NewareRow row) throws IOException {
        NdcRunInfoTable.Row covered = runInfo.rowFor(row.index);
        if (covered != null) {
            fill.covered(covered, row);
        } else {
            fill.uncovered(row);
        }
        if (!started || row.stepKey != lastStep) {
            // The step table has one row per step, in order: a new runInfo step number is the next row.
            ordinal++;
            lastStep = row.stepKey;
            started = true;
            if (steps != null && steps.has(ordinal)) {
                cycle = steps.cycle(ordinal);
                stepIndex = steps.stepIndex(ordinal);
                status = steps.status(ordinal);
            }
        }
        row.storedCycle = cycle;
        row.stepIndex = stepIndex;
        row.status = status;
    }
}
