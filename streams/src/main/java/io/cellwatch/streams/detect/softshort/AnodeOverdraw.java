package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.leak.CycleLeak;

/**
 * An anode half cell giving out more lithium than it took in, cycle after cycle: a parasitic current,
 * whatever the cell's own baseline.
 *
 * <p>Physics: the working electrode of an anode half cell (silicon, graphite against lithium metal) holds
 * only the lithium its lithiation put in. Every loss a healthy one has (the interphase consuming lithium,
 * lithium trapped in the alloy) is taken during the lithiation and not given back, so its delithiation
 * returns at most what the lithiation put in: CE = Q_delith / Q_lith at or under 1, the returned fraction
 * in the cell's own orientation (Q_lith / Q_delith) at or over 1. A path across the cell (a soft short, a
 * redox shuttle) discharges it all the time: it helps the lithiation, which then takes less from the
 * cycler, and works against the delithiation, which takes more, so CE rises above 1 and stays there. A
 * full cell's or a cathode half cell's losses lower its returned fraction as a leak does, so only a leak
 * that has grown past the channel's own baseline shows there; an anode half cell's leak has the wrong sign
 * for any healthy loss, and shows against 1 itself, from the first cycles the monitor sees (a cell
 * joining already leaking, whose baseline has learnt the leak). The shared Si half cell (cellpy's
 * {@code 20160805_test001_45_cc}) gives out about 4 % more than it took on every cycle from its second.
 *
 * <p>What else lifts CE over 1, and why it does not count here:
 *
 * <ul>
 *   <li>Lithium trapped earlier coming back, after a slower rate or a warmer chamber: the cycles emptied at
 *       another rate are set aside before this is asked, and a chamber moving by more than
 *       {@link CeDrift#TEMPERATURE_BAND_K} starts the run afresh; at one rate and temperature the release
 *       is over within a cycle, and the run asks for {@link #WARN_CYCLES}.
 *   <li>A current-sensor offset x reads the delithiation as I + x and the lithiation as I − x (or the
 *       other way round) and moves CE by about 2x/I, from the first cycle on, where no learnt usual current
 *       can show it. It shows as the two steps' mean currents apart when the cycler applies one current to
 *       both, which it does where they are within {@link SensorOffset#MAX_FRACTION} of each other (labs
 *       change rates by more). The cycle counts as overdrawn only when it is under the line both with the
 *       offset the mean currents read taken out and as measured: the difference between the two mean
 *       currents may instead be a constant-voltage tail on one step, which an offset correction would get
 *       wrong. Where the steps run at different currents an offset cannot be read and the cycle is not
 *       judged (a blind spot).
 *   <li>The counting's scatter: the line is 1 less the profile's narrowest CE band (a point for half cells:
 *       alloy anodes scatter by tenths of one), three cycles running. Not the channel's own band: that is
 *       learnt from the cell as it is, and a cell joining already leaking, its first cycles at another rate,
 *       has a baseline and a band made of the leak.
 * </ul>
 */
public final class AnodeOverdraw {
    /**
     * Overdrawn cycles running (at one rate and chamber temperature) that warn: a release of trapped
     * lithium lasts the cycle after whatever freed it, and two cycles can still be the tail of one;
     * three cycles of the electrode giving out what it never took are a current (as the band rule's three
     * low cycles are a pattern no single protocol outlier makes).
     */
    static final int WARN_CYCLES = 3;

    /** Overdrawn cycles running. */
    int run;

    /** The chamber temperature of the run's first cycle, °C (NaN: none read). */
    double runTemperatureC = Double.NaN;

    public AnodeOverdraw() {
        // for the state-store codec
    }

    /** Whether the channel is an anode half cell: a half cell whose CE is declared as Q_charge / Q_discharge. */
    static boolean applies(ChannelInfo channel) {
        return channel.cellType() == CellType.HALF && channel.ceConvention() == CeConvention.CHARGE_OVER_DISCHARGE;
    }

    /**
     * The cycle's capacities as they can be held to a returned fraction of 1: of the measured ones and the
     * ones with the offset the steps' mean currents read taken out, those that returned more; null when the
     * steps ran at different currents (no offset can be read) or a step has no duration.
     */
    static CycleLeak.Oriented judged(CycleSummary cycle, CycleLeak.Oriented measured) {
        double[] currents = SensorOffset.meanCurrents(cycle);
        if (currents == null) {
            return null;
        }
        double chargeA = currents[0];
        double dischargeA = currents[1];
        double mean = (chargeA + dischargeA) / 2;
        if (mean <= 0 || Math.abs(chargeA - dischargeA) > SensorOffset.MAX_FRACTION * mean) {
            return null;
        }
        // The charge reads I + x and the discharge |−I + x| = I − x.
        CycleLeak.Oriented corrected = SensorOffset.corrected(cycle, measured, (chargeA - dischargeA) / 2);
        return corrected.returned() > measured.returned() ? corrected : measured;
    }

    /**
     * Folds one complete cycle at the channel's usual rate ({@link #judged}): overdrawn when its returned
     * fraction is under 1 less the band. Returns the run of overdrawn cycles.
     */
    int judge(CycleLeak.Oriented judged, double band, Double temperatureC) {
        double temperature = temperatureC == null ? Double.NaN : temperatureC;
        if (Math.abs(temperature - runTemperatureC) > CeDrift.TEMPERATURE_BAND_K) {
            run = 0; // another chamber temperature: trapped lithium may come back
        }
        if (judged == null || !(judged.returned() < 1 - band)) {
            run = 0;
            return run;
        }
        if (run == 0) {
            runTemperatureC = temperature;
        }
        run++;
        return run;
    }

    /**
     * What a healthy anode half cell returns, for the leak an overdrawn cycle shows: at least 1 (no healthy
     * loss is given back) and at most 1 plus the narrowest band (the losses of a cycle, a point at most once
     * formed): uniform over that, its mean and standard deviation. The leak is the least the cycle shows plus
     * half a band, with that spread.
     */
    static CycleLeak.HealthyRatio healthyRatio(CeFluctuationSettings settings) {
        return new CycleLeak.HealthyRatio(1 + settings.minBand() / 2, settings.minBand() / Math.sqrt(12));
    }

    boolean warns() {
        return run >= WARN_CYCLES;
    }

    /** A new protocol: its cycles are judged afresh. */
    void reset() {
        run = 0;
        runTemperatureC = Double.NaN;
    }
}
