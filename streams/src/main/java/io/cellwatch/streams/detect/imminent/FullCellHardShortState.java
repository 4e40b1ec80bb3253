package io.cellwatch.streams.detect.imminent;

import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.SampleClock;
import io.cellwatch.streams.detect.VoltageDirection;

/** Per-channel memory of {@link FullCellHardShortDetector}: the cell's discharged voltage, its resistance, a run. */
public final class FullCellHardShortState {
    SampleClock clock = new SampleClock();
    VoltageDirection direction = new VoltageDirection();
    boolean started;
    int cycleIndex;
    /** Lowest |V| under discharging current in the open cycle (NaN before one). */
    double cycleLowestV = Double.NaN;
    /** Whether a sample of the open cycle was pinned below the limit. */
    boolean pinnedThisCycle;
    /** The lowest |V| the cell's discharges have reached, over the cycles learnt (0 before one). */
    double dischargedV;

    int learntCycles;
    int pinnedRun;
    /** |V| of the last pinned sample of the run (NaN outside a run): whether the pin holds steady. */
    double pinnedV = Double.NaN;
    /** Test time of the run's first pinned sample, s: the first reading the alert's estimate reads. */
    double pinnedFromTestTimeS = Double.NaN;
    /** Where the charging rows' latest descent began: a pin still falling, however small its steps. */
    ChargeDescent descent = new ChargeDescent();

    /** Rest readings running under the limit, each lower than the one before (0: none). */
    int restDescent;
    /** |V| of the last rest reading of that run. */
    double restDescentV;
    /** |V| of the run's first reading. */
    double restDescentFromV;
    /** The episode fired at rest and no pinned charge has read the leak for it yet. */
    boolean estimatePending;

    int quietCycles;
    /** The cell's resistance: the jump from a rest's last |V| to a charge's first, over the current. */
    Ewma resistanceOhm = new Ewma();

    double previousAbsV;
    boolean previousWasRest;
    Episode episode = new Episode();

    public FullCellHardShortState() {
        // for the state-store codec
    }
}
