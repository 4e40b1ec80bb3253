package io.cellwatch.streams.detect.softshort;

/**
 * A steady slide of the returned fraction that the CE baseline follows cycle by cycle.
 *
 * <p>Why: the baseline learns every in-band cycle, so a leak that grows slowly (the returned fraction
 * falling a tenth of a point per cycle) stays within the band of a baseline that lags it by less than
 * the band, and is never judged low. A healthy cell's returned fraction does not slide: it climbs
 * towards its plateau while the interphase forms, then holds (or rises) at one chamber temperature and
 * rate. So the highest baseline the channel has held is kept as an anchor, with the band that held
 * then; the baseline sinking under the anchor by more than that band is charge going somewhere,
 * steadily. The anchor restarts with the baseline (a new protocol) and when the chamber temperature
 * moves by more than {@link #TEMPERATURE_BAND_K} (side reactions, and with them CE, depend on
 * temperature; a chamber holds its set point within ±1 K).
 */
public final class CeDrift {
    static final double TEMPERATURE_BAND_K = 3.0;

    double anchor = Double.NaN;
    double anchorBand;
    double anchorTemperatureC = Double.NaN;

    public CeDrift() {
        // for the state-store codec
    }

    /**
     * Follows the baseline after a judged cycle; returns how far it sits under the anchor (≥ 0).
     *
     * @param baseline     the returned-fraction baseline now
     * @param band         the band the channel's scatter allows now
     * @param temperatureC the cycle's temperature, or null when not logged
     */
    double update(double baseline, double band, Double temperatureC) {
        double temperature = temperatureC == null ? Double.NaN : temperatureC;
        boolean chamberMoved = Math.abs(temperature - anchorTemperatureC) > TEMPERATURE_BAND_K;
        if (Double.isNaN(anchor) || chamberMoved || baseline > anchor) {
            anchor = baseline;
            anchorBand = band;
            anchorTemperatureC = Double.isNaN(temperature) ? anchorTemperatureC : temperature;
        }
        return anchor - baseline;
    }

    /** The band that held when the anchor was set. */
    double band() {
        return anchorBand;
    }

    void reset() {
        anchor = Double.NaN;
        anchorBand = 0;
        anchorTemperatureC = Double.NaN;
    }
}
