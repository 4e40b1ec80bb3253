package io.cellwatch.streams.detect.softshort;

import io.cellwatch.streams.detect.Ewma;

/**
 * The returned fraction a cell held under one set of conditions (chamber temperature, capacity, hours
 * under current per amp-hour charged), learnt from the healthy cycles it ran under them, and the
 * highest it held there: the balance a later cycle under the same conditions is counted against
 * ({@link CeHealthyLevels}). Plain fields for the state-store codec.
 */
public final class CeHealthyLevel {
    double temperatureC;
    /** The cycles' capacity, the mean of the charge put in and returned, Ah. */
    double capacityAh;

    double hoursPerAh;
    Ewma returned = new Ewma();
    /** The highest {@link #returned} mean held once it had a baseline's worth of cycles; NaN before. */
    double highest = Double.NaN;
    /** The mean absolute deviation of {@link #returned} when {@link #highest} was taken. */
    double highestDeviation;

    int lastCycle;

    public CeHealthyLevel() {
        // for the state-store codec
    }

    static CeHealthyLevel startedBy(int cycleIndex, double temperatureC, double capacityAh, double hoursPerAh) {
        CeHealthyLevel level = new CeHealthyLevel();
        level.temperatureC = temperatureC;
        level.capacityAh = capacityAh;
        level.hoursPerAh = hoursPerAh;
        level.lastCycle = cycleIndex;
        return level;
    }

    /** Under the same conditions: the chamber within its band, capacity and hours per Ah within {@code band}. */
    boolean alike(double temperatureC, double capacityAh, double hoursPerAh, double band) {
        return Math.abs(temperatureC - this.temperatureC) <= CeDrift.TEMPERATURE_BAND_K
                && Math.abs(capacityAh / this.capacityAh - 1) <= band
                && Math.abs(hoursPerAh / this.hoursPerAh - 1) <= band;
    }

    /** Folds a healthy cycle in (the conditions follow slow fade with the same weight). */
    void fold(
            int cycleIndex,
            double temperatureC,
            double capacityAh,
            double hoursPerAh,
            double returnedFraction,
            double alpha,
            int baselineCycles) {
        returned.add(returnedFraction, alpha);
        double weight = Math.max(alpha, 1.0 / returned.count());
        this.temperatureC += weight * (temperatureC - this.temperatureC);
        this.capacityAh += weight * (capacityAh - this.capacityAh);
        this.hoursPerAh += weight * (hoursPerAh - this.hoursPerAh);
        lastCycle = cycleIndex;
        if (returned.count() >= baselineCycles && !(returned.mean() <= highest)) {
            highest = returned.mean();
            highestDeviation = returned.meanAbsDeviation();
        }
    }
}
