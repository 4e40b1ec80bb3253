package io.cellwatch.streams.detect.leak;

/**
 * The cell's effective resistance from the gap between its charge and discharge voltages: what its own
 * current costs it in voltage, so what a short that takes part of that current gives back.
 *
 * <p>Physics: under current a cell sits above its open-circuit voltage on charge and below it on discharge,
 * by its overpotential (ohmic, charge transfer, the concentration polarisation that builds over minutes).
 * A cycle's charge and a discharge that returns about what it put in pass the same states of charge, so the
 * gap between their charge-weighted mean voltages is the overpotential of both currents together. To first
 * order (ohmic, V = OCV ± R·I) a charge-weighted mean voltage carries R times the charge-weighted mean current
 * (ΣI²dt/ΣI·dt, which a constant-voltage tail or a pulse lowers less than the time mean does), so the gap is
 * R·(Ī_charge + Ī_discharge) with those means, whatever the two rates. The gap also holds what does not follow
 * the current (the open-circuit hysteresis of LFP and silicon): this R is an upper bound of the part that does.
 *
 * <p>Why a leak estimate needs it: a short taking I_leak of the charge current leaves the cell only I −
 * I_leak of its own, so its voltage at each state of charge stands lower than a usual charge's by up to
 * R·I_leak. On a flat plateau (LFP, graphite) a few tens of mV are much of the charge: read against the
 * usual curve, the charge stored looks smaller than it is, and the leak larger ({@link ChargeCurve}: LFP
 * cells leaking a quarter to three fifths of the current read R 31-55 % low).
 *
 * <p>Which cycles teach: those whose charge the imminent short took for its usual one (including while it
 * first learns it, and a new protocol's), and whose discharge returned 0.8 to 1.25 times that charge (a
 * partial discharge, a diagnostic or rate-test one, passes other states of charge). Each step's first row is
 * left out: the interval before it was partly rest or the other step. Part of a detector's state: the open
 * cycle's sums, the sign of the latest row's current, and the learnt resistance (eight numbers).
 */
public final class ChargeDischargeGap {
    /** Weight of a new usual cycle in the learnt resistance (about the last five), as the usual curve's. */
    static final double FOLLOW = ChargeCurve.FOLLOW;
    /** A discharge returning this share of the charge, or more, passed the charge's states of charge. */
    static final double LEAST_RETURNED = 0.8;
    /** ...and at most this share (a cell does not give out much more than it took in). */
    static final double MOST_RETURNED = 1.25;

    // The open cycle: charge-weighted sums of voltage (V·Ah) and current (A·Ah), and the charge (Ah), each step kind.
    double chargeVoltAh;
    double chargeAmpAh;
    double chargeAh;
    double dischargeVoltAh;
    double dischargeAmpAh;
    double dischargeAh;
    /** The sign of the latest row's current: +1 charging, −1 discharging, 0 none (a rest, a pause, another step). */
    int latestSign;
    /** The learnt effective resistance, Ω; NaN until a usual cycle gave one. */
    double resistanceOhm = Double.NaN;

    public ChargeDischargeGap() {
        // for the state-store codec
    }

    /**
     * A row of the open cycle, in the cell's orientation (a positive current charges it; 0 for a row under no
     * charge or discharge current): its voltage, current and the time since the row before. A row counts only
     * where the row before was under current of the same sign, within {@code maxIntervalS}: a step's first row
     * would count the rest before it as current, a row after a pause hours at voltages no row shows.
     */
    public void row(double voltageV, double currentA, double dtS, double maxIntervalS) {
        int sign = (int) Math.signum(currentA);
        boolean counts = sign != 0 && sign == latestSign && dtS > 0 && dtS <= maxIntervalS;
        latestSign = dtS <= maxIntervalS ? sign : 0;
        if (!counts) {
            return;
        }
        double amps = Math.abs(currentA);
        double ah = amps * dtS / 3600;
        if (sign > 0) {
            chargeVoltAh += Math.abs(voltageV) * ah;
            chargeAmpAh += amps * ah;
            chargeAh += ah;
        } else {
            dischargeVoltAh += Math.abs(voltageV) * ah;
            dischargeAmpAh += amps * ah;
            dischargeAh += ah;
        }
    }

    /**
     * The open cycle ended; {@code usualCharge}: its charge was taken for the usual one, whose gap to a discharge
     * that returned about what it put in moves the learnt resistance. A gap of the wrong sign (a discharge above
     * its charge: no overpotential to read) moves nothing.
     */
    public void closeCycle(boolean usualCharge) {
        boolean sameStates =
                dischargeAh >= LEAST_RETURNED * chargeAh && dischargeAh <= MOST_RETURNED * chargeAh && chargeAh > 0;
        if (usualCharge && sameStates) {
            double gapV = chargeVoltAh / chargeAh - dischargeVoltAh / dischargeAh;
            double currentsA = chargeAmpAh / chargeAh + dischargeAmpAh / dischargeAh;
            double r = gapV / currentsA;
            if (r > 0 && Double.isFinite(r)) {
                resistanceOhm = Double.isNaN(resistanceOhm) ? r : resistanceOhm + FOLLOW * (r - resistanceOhm);
            }
        }
        chargeVoltAh = 0;
        chargeAmpAh = 0;
        chargeAh = 0;
        dischargeVoltAh = 0;
        dischargeAmpAh = 0;
        dischargeAh = 0;
    }

    /** The learnt effective resistance, Ω; NaN until a usual cycle gave one. */
    public double resistanceOhm() {
        return resistanceOhm;
    }
}
