package io.cellwatch.simulator.lab;

import io.cellwatch.simulator.LithiumInterface;

/**
 * The voltage of a symmetric Li|electrolyte|Li cell with a short in parallel: the applied current
 * splits into the ionic current, which needs the plating/stripping overpotential η (Butler–Volmer
 * plus area-specific resistance, shaped within a half-cycle by the nucleation peak and the
 * concentration build-up), and the short's current η/R. The voltage is the η at which both add up
 * to the applied current; a short therefore lowers the voltage without any noise of its own, and a
 * short of a few ohms pins it at about I·R.
 */
final class SymmetricModel {
    private final double areaCm2;
    private final double exchangeCurrentDensity;
    private final double temperatureC;

    SymmetricModel(double areaCm2, double exchangeCurrentDensity, double temperatureC) {
        this.areaCm2 = areaCm2;
        this.exchangeCurrentDensity = exchangeCurrentDensity;
        this.temperatureC = temperatureC;
    }

    /** |η| (V) carrying this ionic current (A, magnitude). */
    double overpotentialV(double ionicA, double asrOhmCm2, double shape) {
        return shape
                * LithiumInterface.overpotentialV(
                        1000 * ionicA / areaCm2, exchangeCurrentDensity, asrOhmCm2, temperatureC);
    }

    /**
     * The cell voltage (signed like the current) at this applied current with a short of
     * conductance g in parallel; shape is the half-cycle's factor on η.
     */
    double voltage(double appliedA, double g, double asrOhmCm2, double shape) {
        double total = Math.abs(appliedA);
        if (total == 0) {
            return 0;
        }
        double ionic = ionicCurrent(total, g, asrOhmCm2, shape);
        return Math.signum(appliedA) * overpotentialV(ionic, asrOhmCm2, shape);
    }

    /** Solves i + g·η(i) = total for the ionic current i in [0, total] (monotonic: bisection on Newton's guesses). */
    private double ionicCurrent(double total, double g, double asr, double shape) {
        if (g <= 0) {
            return total;
        }
        double lo = 0;
        double hi = total;
        double i = total / (1 + g * overpotentialV(total, asr, shape) / total);
        for (int k = 0; k < 60; k++) {
            double f = i + g * overpotentialV(i, asr, shape) - total;
            if (Math.abs(f) <= 1e-12 * total) {
                return i;
            }
            if (f > 0) {
                hi = i;
            } else {
                lo = i;
            }
            double di = Math.max(1e-15, i * 1e-6);
            double slope = 1 + g * (overpotentialV(i + di, asr, shape) - overpotentialV(i, asr, shape)) / di;
            double next = i - f / slope;
            i = next > lo && next < hi ? next : 0.5 * (lo + hi);
        }
        return i;
    }
}
