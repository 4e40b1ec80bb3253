package io.cellwatch.streams.detect.softshort;

/**
 * A steady slide of the returned fraction that the CE baseline follows cycle by cycle.
 *
 * <p>Why: the baseline learns every in-band cycle, so a leak that grows slowly (the returned fraction
 * falling a tenth of a point per cycle) stays within the band of a baseline that lags it by less than
 * the band, and is never judged low. A healthy cell's returned fraction does not slide: it climbs
 * towards its plateau while the interphase forms, then holds (or rises) at one chamber temperature and
 * rate.
 *
 * <p>What is watched is the charge lost per hour of cycling, not per cycle: a leak (V/R through the
 * short), side reactions (a parasitic current) and a current-sensor offset are all currents, so the
 * charge each takes from a cycle is that current times the hours the cycle ran. Per cycle, those losses
 * follow the cycle's length: a fading cell's cycles shorten, so a sensor offset present from the first
 * cycle (in the baseline, where {@link SensorOffset} cannot see it; reading the cell as returning more
 * than it took, a negative loss) shrinks towards zero as the capacity fades and reads as charge lost more
 * each cycle; and a slower rate lengthens the cycles, so the same parasitic current takes more per cycle.
 * Per hour, both hold still, while a leak that grows still rises. So the loss current is
 * (1 − baseline) / the usual hours under current per amp-hour charged (the charge and discharge steps'
 * time with current flowing, learnt from the same cycles as the baseline, so the two lag alike; a
 * current's charge accrues while it flows). The least loss current the channel has shown is kept as an
 * anchor, with the band that held then; the loss current risen over the anchor, turned back into a share
 * of the charge at the usual hours per amp-hour, by more than {@link #WARN_BANDS} of those bands is charge
 * going somewhere, more each hour. The anchor restarts with the baseline (a new protocol) and when the
 * chamber temperature moves by more than {@link #TEMPERATURE_BAND_K} (side reactions, and with them CE,
 * depend on temperature; a chamber holds its set point within ±1 K). A state stored before the anchor
 * was a current (an anchor in amp-hours per cycle) starts its anchor again at the next judged cycle.
 */
public final class CeDrift {
    static final double TEMPERATURE_BAND_K = 3.0;

    /**
     * The slide that warns, in bands: one band is within what a healthy cell's loss current wanders
     * over hundreds of cycles as its interphase ages (a silicon anode's SEI keeps growing; side reactions
     * that go with the charge cycled rather than with time take a larger share of each hour as a fading
     * cell's cycles shorten), two are beyond it.
     */
    static final double WARN_BANDS = 2;

    /** The slide that is critical, in bands: the leak has kept growing by another band since the warning. */
    static final double CRITICAL_BANDS = 3;

    /** The least loss current held, A (negative for a cell read as returning more than it took). */
    double anchorLossCurrentA = Double.NaN;

    double anchorBand;
    double anchorTemperatureC = Double.NaN;

    /** The usual hours under current (charge and discharge steps) per amp-hour charged; NaN before any. */
    double usualHoursPerAh = Double.NaN;

    public CeDrift() {
        // for the state-store codec
    }

    /**
     * Learns the hours a baseline cycle ran under current per amp-hour it took, with the baseline's weight.
     *
     * @param underCurrentS the cycle's charge and discharge steps' time with current flowing
     * @param upAh          the charge the cycle took (the step that raises |V|)
     */
    void learn(double underCurrentS, double upAh, double alpha) {
        if (!(underCurrentS > 0) || !(upAh > 0)) {
            return;
        }
        double hoursPerAh = underCurrentS / 3600 / upAh;
        usualHoursPerAh =
                Double.isNaN(usualHoursPerAh) ? hoursPerAh : usualHoursPerAh + alpha * (hoursPerAh - usualHoursPerAh);
    }

    /**
     * Follows the baseline after a judged cycle; returns how far the loss current has risen over the
     * anchor, as a fraction of the usual charge (≥ 0), comparable with the band.
     *
     * @param baseline     the returned-fraction baseline now
     * @param band         the band the channel's scatter allows now
     * @param temperatureC the cycle's temperature, or null when not logged
     */
    double update(double baseline, double band, Double temperatureC) {
        if (!(usualHoursPerAh > 0)) {
            return 0;
        }
        double lossCurrentA = (1 - baseline) / usualHoursPerAh;
        double temperature = temperatureC == null ? Double.NaN : temperatureC;
        boolean chamberMoved = Math.abs(temperature - anchorTemperatureC) > TEMPERATURE_BAND_K;
        if (Double.isNaN(anchorLossCurrentA) || chamberMoved || lossCurrentA < anchorLossCurrentA) {
            anchorLossCurrentA = lossCurrentA;
            anchorBand = band;
            anchorTemperatureC = Double.isNaN(temperature) ? anchorTemperatureC : temperature;
        }
        return (lossCurrentA - anchorLossCurrentA) * usualHoursPerAh;
    }

    /**
     * The returned fraction a usual cycle would have at the anchor's loss current (NaN before an
     * anchor): the channel's healthiest balance, which the baseline leaves behind as it follows a slowly
     * growing leak.
     */
    double anchorRatio() {
        return usualHoursPerAh > 0 && !Double.isNaN(anchorLossCurrentA)
                ? 1 - anchorLossCurrentA * usualHoursPerAh
                : Double.NaN;
    }

    /** The band that held when the anchor was set. */
    double band() {
        return anchorBand;
    }

    void reset() {
        anchorLossCurrentA = Double.NaN;
        anchorBand = 0;
        anchorTemperatureC = Double.NaN;
        usualHoursPerAh = Double.NaN;
    }
}
