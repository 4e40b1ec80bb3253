package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.neware.nda.NewareRow;

/**
 * Times and counters for the records {@code data_runInfo.ndc} does not cover. BTS Server 8 writes a
 * runInfo row only now and then (Unit27: 8 of 301 records, interp-test: 66 of 333) and BTSDA fills
 * the rest; so does this, as fastnda does: from the last covered record, step time and UNIX time
 * advance by that record's {@code dt} per record, and the counters by the current (and current times
 * voltage) integrated over the same {@code dt}, charge and discharge by the sign of the running sum.
 *
 * <p>Only earlier records are used, so a record's values never change when later ones arrive: the
 * same numbers on a growing file as on the finished one. (NewareNDA instead interpolates between
 * the covered records on either side, which needs the next one; on the shared files with gaps both
 * agree, their gaps lying in rests.)
 */
final class RunInfoFill {
    private boolean known;
    private long step;
    private double stepTimeS;
    private double dtS;
    private double chargeMah;
    private double dischargeMah;
    private double chargeMwh;
    private double dischargeMwh;
    private long unixMs;
    private int gap;
    private double addedMah;
    private double addedMwh;

    /** A covered record: takes its row's values and remembers them for the records after it. */
    void covered(NdcRunInfoTable.Row r, NewareRow row) {
        known = true;
        step = r.step;
        stepTimeS = r.stepTimeS;
        dtS = r.dtS;
        chargeMah = r.chargeMah;
        dischargeMah = r.dischargeMah;
        chargeMwh = r.chargeMwh;
        dischargeMwh = r.dischargeMwh;
        unixMs = r.unixMs;
        gap = 0;
        addedMah = 0;
        addedMwh = 0;
        write(row, stepTimeS, unixMs);
        row.chargeMah = chargeMah;
        row.dischargeMah = dischargeMah;
        row.chargeMwh = chargeMwh;
        row.dischargeMwh = dischargeMwh;
    }

    /** A record without a runInfo row: filled from the last covered one (zeros before any). */
    void uncovered(NewareRow row) {
        if (!known) {
            row.stepTimeS = 0;
            row.stepKey = 0;
            return;
        }
        gap++;
        addedMah += dtS * row.currentMa / 3600;
        addedMwh += dtS * row.voltageV * row.currentMa / 3600;
        write(row, stepTimeS + gap * dtS, unixMs + Math.round(gap * dtS * 1000));
        row.chargeMah = chargeMah + Math.max(addedMah, 0);
        row.dischargeMah = dischargeMah - Math.min(addedMah, 0);
        row.chargeMwh = chargeMwh + Math.max(addedMwh, 0);
        row.dischargeMwh = dischargeMwh - Math.min(addedMwh, 0);
    }

    private void write(NewareRow row, double stepTime, long wallMs) {
        row.stepKey = step;
        row.stepTimeS = stepTime;
        if (wallMs > 0) {
            row.wallTime(wallMs);
        }
    }
}
