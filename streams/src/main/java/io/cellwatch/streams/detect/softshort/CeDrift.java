package io.cellwatch.streams.detect.softshort;

/**
 * A steady slide of the returned fraction that the CE baseline follows cycle by cycle.
 *
 * <p>Why: the baseline learns every in-band cycle, so a leak that grows slowly (the returned fraction
 * falling a tenth of a point per cycle) stays within the band of a baseline that lags it by less than
 * the band, and is never judged low. A healthy cell's returned fraction does not slide: it climbs
 * towards its plateau while the interphase forms, then holds (or rises) at one chamber temperature and
 * rate, and what it does lose per cycle (side reactions) is charge at a steady rate, which a fading cell
 * loses as a larger share of a smaller capacity. So the least charge lost per cycle that the channel has
 * shown ((1 − baseline) × its usual charge) is kept as an anchor, with the band that held then; the
 * loss per cycle rising over the anchor by more than {@link #WARN_BANDS} of those bands (as a share of
 * the charge) is charge going somewhere, more each cycle. The anchor restarts with the baseline (a new protocol) and when the
 * chamber temperature moves by more than {@link #TEMPERATURE_BAND_K} (side reactions, and with them CE,
 * depend on temperature; a chamber holds its set point within ±1 K).
 */
public final class CeDrift {
    static final double TEMPERATURE_BAND_K = 3.0;

    /**
     * The slide that warns, in bands: one band is within what a healthy cell's loss per cycle wanders
     * over hundreds of cycles as its interphase ages (a silicon anode's SEI keeps growing; an offset in
     * the current reading is a share of a capacity that fades), two are beyond it.
     */
    static final double WARN_BANDS = 2;

    /** The slide that is critical, in bands: the leak has kept growing by another band since the warning. */
    static final double CRITICAL_BANDS = 3;

    /** The least charge lost per cycle held, Ah (negative for a cell returning more than it took). */
    double anchorLostAh = Double.NaN;

    double anchorBand;
    double anchorTemperatureC = Double.NaN;

    public CeDrift() {
        // for the state-store codec
    }

    /**
     * Follows the baseline after a judged cycle; returns how far the loss per cycle has risen over the
     * anchor, as a fraction of the usual charge (≥ 0), comparable with the band.
     *
     * @param baseline     the returned-fraction baseline now
     * @param usualUpAh    the channel's usual charge (the step that raises |V|) now
     * @param band         the band the channel's scatter allows now
     * @param temperatureC the cycle's temperature, or null when not logged
     */
    double update(double baseline, double usualUpAh, double band, Double temperatureC) {
        if (!(usualUpAh > 0)) {
            return 0;
        }
        double lostAh = (1 - baseline) * usualUpAh;
        double temperature = temperatureC == null ? Double.NaN : temperatureC;
        boolean chamberMoved = Math.abs(temperature - anchorTemperatureC) > TEMPERATURE_BAND_K;
        if (Double.isNaN(anchorLostAh) || chamberMoved || lostAh < anchorLostAh) {
            anchorLostAh = lostAh;
            anchorBand = band;
            anchorTemperatureC = Double.isNaN(temperature) ? anchorTemperatureC : temperature;
        }
        return (lostAh - anchorLostAh) / usualUpAh;
    }

    /**
     * The returned fraction a cycle taking {@code upAh} would have at the anchor's loss per cycle (NaN
     * before an anchor): the channel's healthiest balance, which the baseline leaves behind as it
     * follows a slowly growing leak.
     */
    double anchorRatio(double upAh) {
        return upAh > 0 && !Double.isNaN(anchorLostAh) ? 1 - anchorLostAh / upAh : Double.NaN;
    }

    /** The band that held when the anchor was set. */
    double band() {
        return anchorBand;
    }

    void reset() {
        anchorLostAh = Double.NaN;
        anchorBand = 0;
        anchorTemperatureC = Double.NaN;
    }
}
