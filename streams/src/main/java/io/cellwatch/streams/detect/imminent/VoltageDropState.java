package io.cellwatch.streams.detect.imminent;

import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.SampleClock;
import io.cellwatch.streams.detect.VoltageDirection;

/** Per-channel memory of {@link VoltageDropDetector}: the previous sample, a jitter estimate, recent drop counts. */
public final class VoltageDropState {
    SampleClock clock = new SampleClock();
    VoltageDirection direction = new VoltageDirection();
    boolean hasPrevious;
    int previousCycle;
    int previousStep;
    double previousVoltageV;
    double previousCurrentA;
    boolean previousWasCharge;
    /** Mean absolute sample-to-sample change of the voltage beyond its local trend, volts. */
    double jitterV;

    double previousStepV;
    boolean hasPreviousStep;
    int jitterCount;
    /** Drops in the current cycle and in the cycles before it (newest first), windowCycles entries at most. */
    int[] dropsPerCycle = new int[0];

    /**
     * The cell's resistance as seen over one logging interval: the voltage jump from a rest's last
     * sample to the charge's first, over the charge current (ohmic and fast polarisation alike).
     */
    Ewma resistanceOhm = new Ewma();

    /**
     * How far the open charge's voltage stands above what the cell's resistance explains, volts: a
     * contact resistance raised at the charge's start or by a jump during it, which it may give back.
     */
    double raisedV;
    /** The last charge start stood raised: a second one running makes the raise the usual resistance. */
    boolean previousStartRaised;
    /** What the open charge's counted drops took that no rise has given back yet, volts. */
    double droppedV;
    /** Test time of the reading before the first drop standing in {@link #droppedV}, s. */
    double droppedFromTestTimeS;

    double previousTestTimeS;
    /** The previous row's capacity counters (null where it had none): whether current flowed since it. */
    Double previousChargeAh;

    Double previousDischargeAh;
    /** |V| of the open charge's first reading: where the cell stood when this charge began. */
    double chargeStartV;

    double previousStepCurrentA;
    boolean previousWasRest;
    int quietCycles;
    Episode episode = new Episode();

    public VoltageDropState() {
        // for the state-store codec
    }
}
