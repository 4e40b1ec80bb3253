package io.cellwatch.model;

/** Which capacity goes on top when computing coulombic efficiency. */
public enum CeConvention {
    /** Q_discharge / Q_charge: full cells and cathode half cells. */
    DISCHARGE_OVER_CHARGE,
    /** Q_charge / Q_discharge: anode half cells against Li metal (delithiation / lithiation). */
    CHARGE_OVER_DISCHARGE;

    /** CE in this convention, or null when the denominator is zero (nothing to compare against). */
    public Double efficiency(double chargeAh, double dischargeAh) {
        double numerator = this == DISCHARGE_OVER_CHARGE ? dischargeAh : chargeAh;
        double denominator = this == DISCHARGE_OVER_CHARGE ? chargeAh : dischargeAh;
        return denominator > 0 ? numerator / denominator : null;
    }
}
