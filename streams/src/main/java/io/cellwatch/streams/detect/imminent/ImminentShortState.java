package io.cellwatch.streams.detect.imminent;

import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.SampleClock;
import io.cellwatch.streams.detect.VoltageDirection;
import io.cellwatch.streams.detect.leak.ChargeCurve;
import io.cellwatch.streams.detect.leak.ChargeDischargeGap;
import io.cellwatch.streams.detect.leak.RestDrain;

/**
 * Per-channel memory of {@link ImminentShortDetector}: the open cycle's charge so far, the channel's
 * usual charge (capacity and voltage rise), and the alert episode. About twenty numbers.
 */
public final class ImminentShortState {
    SampleClock clock = new SampleClock();
    VoltageDirection direction = new VoltageDirection();
    boolean started;
    int cycleIndex;
    int chargesSeen;

    // The open cycle.
    ChargeCounter counter = new ChargeCounter();
    boolean charging;
    boolean chargeStarted;
    int chargeStep;
    double chargeStartV;
    double chargeStartAh;
    double stepStartCurrentA;
    /** Current at the start of the cycle's charge: what the charge is compared on. */
    double chargeCurrentA;

    /** Temperature at the start of the cycle's charge, or NaN when not logged. */
    double chargeTemperatureC = Double.NaN;
    /**
     * The most charge that passed between two rows of this charge (the first row's interval included):
     * how far off the charge counted from the rows may be from the charge that really passed.
     */
    double rowChargeAh;

    /**
     * Charge the steps lowering |V| took out between the previous charge and this one (a full cell's last
     * discharge, an anode half cell's lithiation): a healthy charge puts that back before it ends.
     */
    double emptiedAh;

    /** The discharge count at the latest charging row. */
    double dischargedAtLastChargeAh;

    double maxChargeV;
    double windowStartV;
    double windowStartAh;
    double recentSlopeVPerAh = Double.NaN;
    /** Test time of the row the running slope window began at, s. */
    double windowStartTestTimeS = Double.NaN;
    /**
     * Test time of the first row of the window {@link #recentSlopeVPerAh} was measured over, s (NaN: none yet): a
     * leak read from the slope is the leak over those readings, not over the whole charge or cycle.
     */
    double slopeFromTestTimeS = Double.NaN;
    /** The voltage at that first row, V: the recent dV/dQ is the mean over the curve from it to the window's end. */
    double slopeFromV = Double.NaN;
    /** Test time of the charge row before the latest one, s: where a slope read from the latest step begins. */
    double previousChargeRowTestTimeS = Double.NaN;

    double latestChargeRowTestTimeS = Double.NaN;
    /** Where the charge rows' latest descent began: what a bound read from a fall names as its first reading. */
    ChargeDescent descent = new ChargeDescent();
    /** How far one charge row's voltage scatters on this channel: what a V/I from one reading carries. */
    ReadingScatter scatter = new ReadingScatter();

    boolean firedThisCycle;
    /** The usual charge's stored charge by voltage, and this charge's trace: the leak's estimate. */
    ChargeCurve curve = new ChargeCurve();
    /** The cell's effective resistance from its usual cycles: how far a leak lowers its charge voltage. */
    ChargeDischargeGap gap = new ChargeDischargeGap();
    /** The rest since the last discharge: whether a short drained the cell before this charge. */
    RestDrain rest = new RestDrain();
    /** A drain fired this cycle with only a bound on the leak: an overrun later in the charge may still give its value. */
    boolean drainValuePending;
    /** The voltage the cell rested at after the discharge before this charge, V (NaN: no discharge before it). */
    double restedAtV = Double.NaN;
    /** A row at no charge current came since the latest charge row. */
    boolean currentStoppedSinceChargeRow;
    /** Whether the voltage went through zero lately: a cell with no open-circuit voltage of one sign. */
    VoltageSign voltageSign = new VoltageSign();
    /** The charge's constant-voltage phase: a current that stopped falling is a leak ({@link FloatCurrent}). */
    FloatCurrent floatCurrent = new FloatCurrent();

    // The usual charge, and the last few charges whatever their conditions.
    UsualCharge usual = new UsualCharge();

    RecentCharges recent = new RecentCharges();

    Episode episode = new Episode();

    public ImminentShortState() {
        // for the state-store codec
    }

    public boolean firing() {
        return episode.firing();
    }

    public double usualChargeAh() {
        return usual.chargeAh;
    }
}
