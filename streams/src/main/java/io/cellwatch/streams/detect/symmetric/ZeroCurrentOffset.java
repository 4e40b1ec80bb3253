package io.cellwatch.streams.detect.symmetric;

/**
 * What a symmetric cell reads at zero current. Both electrodes are lithium, so the cell's own
 * open-circuit voltage is zero (beyond a relaxing concentration gradient of a fraction of the
 * overpotential); whatever a rest or an impedance interruption reads is the instrument's offset or
 * pickup, and the same offset rides on the readings under current. A reading near zero under current
 * is a short only if an offset of that size could not have cancelled the overpotential.
 *
 * <p>Each zero-current stretch gives the root mean square of its readings (an offset, a pickup
 * whose sign changes from reading to reading, and the noise all displace a reading by about that);
 * the figure kept is the largest recent one, decaying by {@link #DECAY} per stretch, so an offset
 * that changes size or sign from step to step is remembered at its full size.
 */
public final class ZeroCurrentOffset {
    /** Per zero-current stretch: a large offset is forgotten over a few dozen stretches. */
    static final double DECAY = 0.95;

    double sumSquaresV2;
    int samples;
    double offsetV;

    public ZeroCurrentOffset() {
        // for the state-store codec
    }

    /** Folds a zero-current reading in. */
    void atRest(double voltageV) {
        sumSquaresV2 += voltageV * voltageV;
        samples++;
    }

    /** Current flows again: the stretch's mean joins the remembered offset. */
    void underCurrent() {
        if (samples == 0) {
            return;
        }
        offsetV = Math.max(Math.sqrt(sumSquaresV2 / samples), DECAY * offsetV);
        sumSquaresV2 = 0;
        samples = 0;
    }

    /** The largest recent zero-current reading (root mean square), volts (0 when the cell never rested). */
    double offsetV() {
        return offsetV;
    }
}
