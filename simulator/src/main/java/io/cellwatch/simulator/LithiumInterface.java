package io.cellwatch.simulator;

/**
 * The overpotential of lithium plating and stripping through a solid or polymer electrolyte, as a
 * symmetric Li|electrolyte|Li cell shows it: Butler–Volmer charge transfer at both electrodes
 * (symmetric transfer coefficients, so 2·RT/F·asinh(j/2j₀) per electrode pair) plus the
 * area-specific resistance of the electrolyte and its interphases. Seed 001 gives the numbers that
 * calibrate it (exchange current density 0.133–0.171 mA/cm² from Tafel plots; 80 mV at 0.2 mA/cm²).
 */
public final class LithiumInterface {
    private static final double GAS_CONSTANT = 8.314462618;
    private static final double FARADAY = 96485.33212;

    private LithiumInterface() {}

    /**
     * Plateau overpotential (V, positive) at this current density.
     *
     * @param currentDensityMaPerCm2 current density, mA/cm² (its magnitude is used)
     * @param exchangeCurrentDensityMaPerCm2 j₀, mA/cm²
     * @param areaSpecificResistanceOhmCm2 electrolyte plus interphase, Ω·cm²
     * @param temperatureC cell temperature
     */
    public static double overpotentialV(
            double currentDensityMaPerCm2,
            double exchangeCurrentDensityMaPerCm2,
            double areaSpecificResistanceOhmCm2,
            double temperatureC) {
        double j = Math.abs(currentDensityMaPerCm2);
        double thermalV = GAS_CONSTANT * (273.15 + temperatureC) / FARADAY;
        return 2 * thermalV * asinh(j / (2 * exchangeCurrentDensityMaPerCm2)) + j * 1e-3 * areaSpecificResistanceOhmCm2;
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
