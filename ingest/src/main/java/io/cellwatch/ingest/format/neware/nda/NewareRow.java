package io.cellwatch.ingest.format.neware.nda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Neware record as decoded from a file, in the units the peers report (V, mA, mAh, mWh,
 * seconds), before it becomes a {@link io.cellwatch.model.Sample}. Decoders fill what their layout
 * stores; {@link NewareTimeline} fills what the layout leaves out (step count, the missing one of
 * step and total time, a cycle number where none is stored). One instance is reused record after
 * record.
 */
public final class NewareRow {
    /** The cycler's record number ({@code Index}), strictly increasing within a file. */
    public long index;
    /** The cycle counter stored in the file, 1-based; 0 when the layout stores none. */
    public int storedCycle;
    /** The step number in the schedule ({@code Step_Index}). */
    public int stepIndex;
    /** The status byte, see {@link NewareStatus}. */
    public int status;
    /** A value that changes exactly when a new step starts (step index and the layout's own step counter). */
    public long stepKey;
    /** Time in the step; NaN when the layout does not store it (BTS 9.1 nda). */
    public double stepTimeS;
    /** Time since the test began; NaN when the layout does not store it (most layouts). */
    public double totalTimeS;

    public double voltageV;
    /** Current in mA, charge positive. */
    public double currentMa;
    /** Step counters, never negative. */
    public double chargeMah;

    public double dischargeMah;
    public double chargeMwh;
    public double dischargeMwh;
    /** Wall-clock time in epoch milliseconds, valid when {@link #hasWallTime}. */
    public long epochMs;

    public boolean hasWallTime;
    /** Auxiliary channels by vendor name ({@code T1} in °C, {@code V1} in V, ...), in file order. */
    public final Map<String, Double> auxiliary = new LinkedHashMap<>();

    /** True when the layout stores no step time and {@link NewareTimeline} derived it from total time. */
    public boolean stepTimeDerived;
    /** Count of steps so far (1 for the first step), set by {@link NewareTimeline}. */
    public int stepCount;
    /** The cycle the row belongs to: the stored counter, or one generated where none is stored. */
    public int cycle;

    /** Resets every field before a record is decoded into this row. */
    public NewareRow clear() {
        index = 0;
        storedCycle = 0;
        stepIndex = 0;
        status = 0;
        stepKey = 0;
        stepTimeS = Double.NaN;
        totalTimeS = Double.NaN;
        voltageV = 0;
        currentMa = 0;
        chargeMah = 0;
        dischargeMah = 0;
        chargeMwh = 0;
        dischargeMwh = 0;
        epochMs = 0;
        hasWallTime = false;
        auxiliary.clear();
        stepTimeDerived = false;
        stepCount = 0;
        cycle = 0;
        return this;
    }

    /** Sets the wall-clock time. */
    public void wallTime(long epochMillis) {
        epochMs = epochMillis;
        hasWallTime = true;
    }

    /**
     * Sets the four counters from a layout that stores one signed capacity and one signed energy
     * (BTS 9.x): each goes to the charge or discharge counter by its own sign, as BTSDA shows them.
     */
    public void signedCounters(double capacityMah, double energyMwh) {
        chargeMah = Math.max(capacityMah, 0);
        dischargeMah = Math.max(-capacityMah, 0);
        chargeMwh = Math.max(energyMwh, 0);
        dischargeMwh = Math.max(-energyMwh, 0);
    }

    /**
     * Sets the four counters from a layout that stores one unsigned capacity and energy (nda v8):
     * the direction is the step's (charge or discharge), and for other steps the current's sign.
     */
    public void unsignedCounters(double capacityMah, double energyMwh) {
        int direction = NewareStatus.direction(status);
        if (direction == 0) {
            direction = currentMa > 0 ? 1 : currentMa < 0 ? -1 : 0;
        }
        double capacity = Math.abs(capacityMah);
        double energy = Math.abs(energyMwh);
        chargeMah = direction > 0 ? capacity : 0;
        dischargeMah = direction < 0 ? capacity : 0;
        chargeMwh = direction > 0 ? energy : 0;
        dischargeMwh = direction < 0 ? energy : 0;
    }
}
