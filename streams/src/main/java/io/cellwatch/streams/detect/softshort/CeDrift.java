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
 * <p>But what a healthy cell does lose is of two kinds, and a cycle that changes its length (a fading
 * cell's cycles shorten; a slower rate lengthens them) moves each differently. Some losses are currents,
 * taking charge for as long as the cycle runs: side reactions running at a steady rate, and a
 * current-sensor offset present from the first cycle (in the baseline, where {@link SensorOffset} cannot
 * see it; read as a cell returning more than it took, a negative loss). Those hold still per hour under
 * current, while per cycle they follow the cycle's length: the offset's negative loss shrinks towards
 * zero as the capacity fades and reads as charge lost more each cycle (range 27001, current-offset seed
 * 27012: a warning at cycle 1339 on a healthy cell). Other losses come once a cycle, whatever its
 * length: what the top of each charge takes (a constant-voltage tail held past full, oxidation at the
 * charge's end). Those hold still per cycle, while per hour they rise as a fading cell's cycles shorten.
 * A leak that grows raises both: more charge gone each cycle and each hour. So the slide is watched both
 * ways and only what both see is charge going somewhere more each cycle:
 *
 * <ul>
 *   <li>per cycle: the charge lost, (1 − baseline) × the usual charge, in amp-hours;
 *   <li>per hour: the loss current, (1 − baseline) / the usual hours under current (the charge and
 *       discharge steps' time with current flowing) per amp-hour charged, learnt from the same cycles as
 *       the baseline so the two lag alike.
 * </ul>
 *
 * For each the least the channel has shown is kept as an anchor, with the band that held then; each
 * view's rise over its anchor is turned back into a share of the usual cycle's charge, and the slide is
 * the view risen fewer of its bands. Past {@link #WARN_BANDS} of them it warns. The anchors restart with
 * the baseline (a new protocol) and when the chamber temperature moves by more than
 * {@link #TEMPERATURE_BAND_K} (side reactions, and with them CE, depend on temperature; a chamber holds
 * its set point within ±1 K). A state stored before the loss current was kept starts that anchor at the
 * next judged cycle once the hours are learnt; until both views have an anchor there is no slide.
 */
public final class CeDrift {
    static final double TEMPERATURE_BAND_K = 3.0;

    /**
     * The slide that warns, in bands: one band is within what a healthy cell's losses wander over hundreds
     * of cycles as its interphase ages (a silicon anode's SEI keeps growing), two are beyond it.
     */
    static final double WARN_BANDS = 2;

    /** The slide that is critical, in bands: the leak has kept growing by another band since the warning. */
    static final double CRITICAL_BANDS = 3;

    /** How far the loss has risen over the least the channel lost, as a share of the usual charge, and the band it is judged in. */
    record Slide(double share, double band) {
        static final Slide NONE = new Slide(0, 0);

        double bands() {
            return band > 0 ? share / band : 0;
        }
    }

    /** The least charge lost per cycle held, Ah (negative for a cell read as returning more than it took). */
    double anchorLostAh = Double.NaN;

    /** The band that held when the per-cycle anchor was set. */
    double anchorBand;

    /** The least loss current held, A (negative for a cell read as returning more than it took). */
    double anchorLossCurrentA = Double.NaN;

    /** The band that held when the per-hour anchor was set. */
    double anchorCurrentBand;

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
     * Follows the baseline after a judged cycle; returns the slide both views see (the one risen fewer
     * bands), as a share of the usual charge, comparable with its band.
     *
     * @param baseline     the returned-fraction baseline now
     * @param usualUpAh    the channel's usual charge (the step that raises |V|) now
     * @param band         the band the channel's scatter allows now
     * @param temperatureC the cycle's temperature, or null when not logged
     */
    Slide update(double baseline, double usualUpAh, double band, Double temperatureC) {
        if (!(usualUpAh > 0)) {
            return Slide.NONE;
        }
        double temperature = temperatureC == null ? Double.NaN : temperatureC;
        if (Math.abs(temperature - anchorTemperatureC) > TEMPERATURE_BAND_K) {
            anchorLostAh = Double.NaN; // the chamber moved: both anchors start again here
            anchorLossCurrentA = Double.NaN;
        }
        double lostAh = (1 - baseline) * usualUpAh;
        if (Double.isNaN(anchorLostAh) || lostAh < anchorLostAh) {
            anchorLostAh = lostAh;
            anchorBand = band;
            anchorTemperatureC = Double.isNaN(temperature) ? anchorTemperatureC : temperature;
        }
        Slide perCycle = new Slide((lostAh - anchorLostAh) / usualUpAh, anchorBand);
        if (!(usualHoursPerAh > 0)) {
            return Slide.NONE;
        }
        double lossCurrentA = (1 - baseline) / usualHoursPerAh;
        if (Double.isNaN(anchorLossCurrentA) || lossCurrentA < anchorLossCurrentA) {
            anchorLossCurrentA = lossCurrentA;
            anchorCurrentBand = band;
            anchorTemperatureC = Double.isNaN(temperature) ? anchorTemperatureC : temperature;
        }
        Slide perHour = new Slide((lossCurrentA - anchorLossCurrentA) * usualHoursPerAh, anchorCurrentBand);
        return perCycle.bands() <= perHour.bands() ? perCycle : perHour;
    }

    /**
     * The returned fraction a cycle taking {@code upAh} would have at the per-cycle anchor (NaN before
     * one): the channel's healthiest balance, which the baseline leaves behind as it follows a slowly
     * growing leak. The leak estimate counts a cycle's charge lost beyond the least the channel lost per
     * cycle, as before the per-hour view was added: that view decides only when the slide warns.
     */
    double anchorRatio(double upAh) {
        return upAh > 0 && !Double.isNaN(anchorLostAh) ? 1 - anchorLostAh / upAh : Double.NaN;
    }

    void reset() {
        anchorLostAh = Double.NaN;
        anchorBand = 0;
        anchorLossCurrentA = Double.NaN;
        anchorCurrentBand = 0;
        anchorTemperatureC = Double.NaN;
        usualHoursPerAh = Double.NaN;
    }
}
