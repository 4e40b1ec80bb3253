package io.cellwatch.streams.detect.softshort;

import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.leak.CycleOrientation;

/** Per-channel memory of {@link CeFluctuationDetector}: a CE baseline, a bit per recent cycle, an episode. */
public final class CeFluctuationState {
    int cyclesSeen;
    CycleOrientation orientation = new CycleOrientation();
    CapacityReference reference = new CapacityReference();
    Ewma ceBaseline = new Ewma();
    /** The usual mean currents of the two steps, to tell a current-sensor offset from a leak. */
    SensorOffset sensorOffset = new SensorOffset();
    /** The highest baseline held, to see a slide the baseline follows. */
    CeDrift drift = new CeDrift();
    /** An anode half cell's cycles giving out more than they took in (null on any other cell: no bytes in its state). */
    AnodeOverdraw overdraw;
    /** The healthiest balance held under each set of conditions, kept across the baseline's restarts. */
    CeHealthyLevels healthyLevels = new CeHealthyLevels();
    /** Test time the previous cycle ended at (0: none yet), to see the cell standing idle between cycles. */
    double lastCycleEndS;
    /** Time with no current inside the previous cycle, s: its protocol's rests, or a stand. */
    double previousIdleS;
    /** The previous cycle stood inside itself: standing discharged, this cycle's charge refills the stand. */
    boolean stoodInside;
    /** The previous complete cycle's emptying-step mean current, A (NaN: none to compare with). */
    double previousDownCurrentA = Double.NaN;
    /** What the previous complete cycle's emptying step took out, Ah (NaN or 0: not known). */
    double previousDownAh = Double.NaN;
    /** One bit per judged cycle, newest lowest: 1 = CE below the band. */
    int lowHistory;

    int judged;
    int floorRun;
    /** The previous complete cycle's returned fraction (Q_down/Q_up in the cell's orientation). */
    double previousReturned;

    boolean hasPreviousReturned;
    /** Charge leaked in the previous cycle judged (for the leak estimate's non-steady term). */
    double previousLeakedAh;
    /**
     * The interval of the short's conductance the previous judged cycle's balance allowed, S: how far this
     * cycle's short changed from it ({@link io.cellwatch.streams.detect.leak.CycleLeak.Balance}). NaN where
     * unknown.
     */
    double previousConductanceS = Double.NaN;

    double previousConductanceHighS = Double.NaN;

    boolean hasPreviousLeak;
    Episode episode = new Episode();

    public CeFluctuationState() {
        // for the state-store codec
    }

    public boolean firing() {
        return episode.firing();
    }

    public double baselineCe() {
        return ceBaseline.mean();
    }
}
