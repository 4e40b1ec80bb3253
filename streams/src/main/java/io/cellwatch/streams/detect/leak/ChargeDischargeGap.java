package io.cellwatch.streams.detect.leak;

/**
 * The cell's effective resistance from the gap between its charge and discharge voltages: what its own
 * current costs it in voltage, so what a short that takes part of that current gives back.
 *
 * <p>Physics: under current a cell sits above its open-circuit voltage on charge and below it on discharge,
 * by its overpotential (ohmic, charge transfer, the concentration polarisation that builds over minutes).
 * The charge-weighted mean voltages of a usual cycle's charge and discharge sample the same states of
 * charge, so their gap is the overpotential of both currents together; to first order (ohmic) it is
 * R·(I_charge + I_discharge), which gives an R whatever the two rates. The gap also holds what does not
 * follow the current (the open-circuit hysteresis of LFP and silicon, a constant-voltage tail at the top):
 * this R is an upper bound of the part that does.
 *
 * <p>Why a leak estimate needs it: a short taking I_leak of the charge current leaves the cell only I −
 * I_leak of its own, so its voltage at each state of charge stands lower than a usual charge's by up to
 * R·I_leak. On a flat plateau (LFP, graphite) a few tens of mV are much of the charge: read against the
 * usual curve, the charge stored looks smaller than it is, and the leak larger ({@link ChargeCurve}: LFP
 * cells leaking a quarter to three fifths of the current read R 31-55 % low).
 *
 * <p>Part of a detector's state: the open cycle's sums and the learnt resistance (seven numbers).
 */
public final class ChargeDischargeGap {
    /** Weight of a new usual cycle in the learnt resistance (about the last five), as the usual curve's. */
    static final double FOLLOW = ChargeCurve.FOLLOW;

    // The open cycle: charge-weighted voltage sums (V·Ah), charge (Ah) and time under current (s) of each step kind.
    double chargeVoltAh;
    double chargeAh;
    double chargeS;
    double dischargeVoltAh;
    double dischargeAh;
    double dischargeS;
    /** The learnt effective resistance, Ω; NaN until a usual cycle gave one. */
    double resistanceOhm = Double.NaN;

    public ChargeDischargeGap() {
        // for the state-store codec
    }

    /**
     * A row under current of the open cycle, in the cell's orientation (a positive current charges it): its
     * voltage, current and the time since the row before (a row after a pause without rows, or the first,
     * adds nothing: what passed in the pause was at voltages no row shows).
     */
    public void row(double voltageV, double currentA, double dtS, double maxIntervalS) {
        if (!(dtS > 0) || dtS > maxIntervalS || currentA == 0) {
            return;
        }
        double ah = Math.abs(currentA) * dtS / 3600;
        if (currentA > 0) {
            chargeVoltAh += Math.abs(voltageV) * ah;
            chargeAh += ah;
            chargeS += dtS;
        } else {
            dischargeVoltAh += Math.abs(voltageV) * ah;
            dischargeAh += ah;
            dischargeS += dtS;
        }
    }

    /**
     * The open cycle ended; {@code usualCharge}: its charge was a usual one (learnt as such), whose gap to a
     * discharge of at least half its charge (the same states of charge, both ways) moves the learnt resistance.
     * A gap of the wrong sign (a cell whose discharge sat above its charge: no overpotential to read) moves
     * nothing.
     */
    public void closeCycle(boolean usualCharge) {
        if (usualCharge && chargeAh > 0 && dischargeAh >= chargeAh / 2 && chargeS > 0 && dischargeS > 0) {
            double gapV = chargeVoltAh / chargeAh - dischargeVoltAh / dischargeAh;
            double currentsA = chargeAh / (chargeS / 3600) + dischargeAh / (dischargeS / 3600);
            double r = gapV / currentsA;
            if (r > 0 && Double.isFinite(r)) {
                resistanceOhm = Double.isNaN(resistanceOhm) ? r : resistanceOhm + FOLLOW * (r - resistanceOhm);
            }
        }
        chargeVoltAh = 0;
        chargeAh = 0;
        chargeS = 0;
        dischargeVoltAh = 0;
        dischargeAh = 0;
        dischargeS = 0;
    }

    /** The learnt effective resistance, Ω; NaN until a usual cycle gave one. */
    public double resistanceOhm() {
        return resistanceOhm;
    }
}
