package io.cellwatch.streams.detect.leak;

/**
 * The rest between a discharge's end and the next charge, and whether a short drained the cell through it.
 *
 * <p>Physics: a voltage-limited discharge leaves the cell in the same state every cycle, and a usual
 * charge begins from there after a rest in which the voltage only climbs (the electrode relaxing back
 * towards its open-circuit voltage). A short draws V/R through that rest too: the cell starts its charge
 * short of the usual state by what the short took, and the charge must put that back before its voltage
 * climbs like a usual charge. A charge balance against the usual curve then counts the leak since the
 * discharge ended, not since the charge began, and spreading it over the charge's time alone reads the
 * leak too large (seen: a rest that fell from 3.32 V to 0.69 V before the charge read R 59 % low, at 16
 * of its stated σ).
 *
 * <p>The drain shows in the rest itself: a resting cell's voltage falls only as charge leaves it (a
 * temperature change moves an open-circuit voltage by a fraction of a millivolt per kelvin), so a rest
 * that ended more than a cycler's noise ({@link LeakEstimate#UNMISTAKABLE_FALL_V}) below its highest
 * point was being drained. A short that took less than that may have drained it too, hidden under the
 * relaxation's climb; the charge alone is then what the estimate reads, as before.
 *
 * <p>Part of a detector's state: five numbers.
 */
public final class RestDrain {
    /** Test time of the discharge's last row: where the rest begins, s; NaN while no rest follows a discharge. */
    double fromS = Double.NaN;
    /** The integral of the voltage over the rest so far, V·s. */
    double voltSeconds;
    /** The rest's highest voltage and its latest one, V, and the latest row's test time, s. */
    double highV = Double.NaN;

    double lastV = Double.NaN;
    double lastS;

    public RestDrain() {
        // for the state-store codec
    }

    /** A discharge row: the cell is at (or on its way to) its discharged state; a rest may follow. */
    public void discharging(double voltageV, double testTimeS) {
        fromS = testTimeS;
        voltSeconds = 0;
        highV = Double.NaN;
        lastV = voltageV;
        lastS = testTimeS;
    }

    /** A row that neither charges nor discharges the cell, after a discharge. */
    public void resting(double voltageV, double testTimeS) {
        if (Double.isNaN(fromS)) {
            return;
        }
        advance(testTimeS);
        lastV = voltageV;
        highV = Double.isNaN(highV) ? voltageV : Math.max(highV, voltageV);
    }

    /**
     * The voltage the cell rested at after its last discharge (its latest row since, the discharge's last where
     * no rest followed), V; NaN where no discharge came since the last charge. Read before {@link
     * #drainedSince}, which ends the rest.
     */
    public double restedAtV() {
        return Double.isNaN(fromS) ? Double.NaN : lastV;
    }

    /**
     * A charge begins at this test time: the rest ends (a later charge without a discharge between has no
     * rest of its own to count). Returns the test time the rest began if a short drained the cell through it,
     * else NaN; {@link #voltSecondsBefore} then holds the rest's voltage integral up to the charge.
     */
    public double drainedSince(double testTimeS) {
        if (Double.isNaN(fromS)) {
            return Double.NaN;
        }
        advance(testTimeS);
        double from = fromS;
        boolean drained = highV - lastV > LeakEstimate.UNMISTAKABLE_FALL_V;
        fromS = Double.NaN;
        return drained ? from : Double.NaN;
    }

    /** The rest's voltage integral up to the charge that ended it, V·s. */
    public double voltSecondsBefore() {
        return voltSeconds;
    }

    /** Counts the time since the latest row at that row's voltage (the cell held it until the next reading). */
    private void advance(double testTimeS) {
        double dt = testTimeS - lastS;
        if (dt > 0) {
            voltSeconds += lastV * dt;
            lastS = testTimeS;
        }
    }
}
