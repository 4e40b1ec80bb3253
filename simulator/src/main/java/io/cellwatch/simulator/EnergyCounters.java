package io.cellwatch.simulator;

/**
 * A cycle's charge and discharge energy counters, as a cycler integrates them: the trapezoid of
 * |V| over each capacity increment between two samples, reset when a new cycle begins.
 */
final class EnergyCounters {
    private double lastVoltageAbs;
    private double lastChargeAh;
    private double lastDischargeAh;
    private double chargeWh;
    private double dischargeWh;

    /** A new cycle: the energies start again from zero (the capacity counters reset with them). */
    void newCycle() {
        chargeWh = 0;
        dischargeWh = 0;
    }

    /** A step starts at this voltage and these capacity counters; no energy is added. */
    void stepStarts(double voltageV, double chargeAh, double dischargeAh) {
        lastVoltageAbs = Math.abs(voltageV);
        lastChargeAh = chargeAh;
        lastDischargeAh = dischargeAh;
    }

    /** A sample: the energy since the last one is added. */
    void sample(double voltageV, double chargeAh, double dischargeAh) {
        double vAbs = Math.abs(voltageV);
        chargeWh += 0.5 * (lastVoltageAbs + vAbs) * (chargeAh - lastChargeAh);
        dischargeWh += 0.5 * (lastVoltageAbs + vAbs) * (dischargeAh - lastDischargeAh);
        lastVoltageAbs = vAbs;
        lastChargeAh = chargeAh;
        lastDischargeAh = dischargeAh;
    }

    double chargeWh() {
        return chargeWh;
    }

    double dischargeWh() {
        return dischargeWh;
    }
}
