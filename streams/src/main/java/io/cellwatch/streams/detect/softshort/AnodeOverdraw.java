package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.AnodeHalfCell;
import io.cellwatch.streams.detect.Ewma;
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
 *       wrong. Where the steps run at different currents (a fast lithiation, a slow delithiation) an
 *       offset cannot be read from them, and the cycle is judged against what the cell itself returned at
 *       those very currents when healthy ({@link #usualReturned}): an offset x lowers the returned fraction
 *       by about x/I_lith + x/I_delith, the same at the same currents whatever the chamber or the capacity,
 *       and a formed healthy cell returned between 1 and 1 plus the band, so the offset took at most
 *       1 + band less that level off; the cycle is given that much back before it is held to the line. In
 *       effect a fall of twice the band under the cell's own level at its currents, where a healthy cell's
 *       losses move it by a band at most. An offset appearing later shows against the currents learnt with
 *       that level ({@link #usualCurrents}, as {@link SensorOffset} reads it) and is taken out. The level
 *       is kept across the CE baseline's restarts (a chamber step moves the capacity, not the currents the
 *       cycler applies) and starts again at another rate. Blind spot: a level learnt while a leak was
 *       already running is the leak's, and only growth beyond it shows; a level learnt while the cell lost
 *       more than a band a cycle (formation) is not used.
 *   <li>A cell the channel's metadata do not describe: a full cell put on a channel that held an anode half
 *       cell, its metadata left as they were. Read as an anode half cell's, a full cell's CE (Q_charge /
 *       Q_discharge) is its own one over, above 1 by all its healthy losses, and a forming anode-free cell
 *       loses tens of percent a cycle. A cycle whose two steps both ran above an anode's voltages against
 *       lithium ({@link AnodeHalfCell#MAX_MEAN_VOLTAGE_V}) is not held to the line; the CE band and floor,
 *       which judge any cell in its own orientation, remain, and the data-quality watch names the metadata.
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

    /**
     * The mean currents of the healthy cycles {@link #usualReturned} learnt (steps at different currents
     * only), kept across the CE baseline's restarts: an offset appearing later shows against them.
     */
    SensorOffset usualCurrents = new SensorOffset();

    /**
     * The returned fraction of the healthy formed cycles at {@link #usualCurrents} (any offset read against
     * them taken out): the level a cycle at those currents is held to when no offset can be read from its
     * steps.
     */
    Ewma usualReturned = new Ewma();

    /**
     * A cycle as it is held to the line: its capacities (the offset read taken out) and how much a healthy
     * cell's reading may lie under what it returned, for an offset that cannot be read (0 where the steps'
     * one current reads it; NaN where nothing bounds it: not judged).
     *
     * @param offsetA the offset read against {@link #usualCurrents} on this cycle (0: none, or not read)
     */
    record Judged(CycleLeak.Oriented reading, double allowance, double offsetA) {
        boolean overdrawn(double band) {
            return reading.returned() + allowance < 1 - band;
        }

        /**
         * How far the reading lies under the level the cell returned at these currents when healthy (the
         * allowance is 1 + band less that level).
         */
        double underHealthyLevel(double band) {
            return 1 + band - allowance - reading.returned();
        }
    }

    public AnodeOverdraw() {
        // for the state-store codec
    }

    /**
     * The cycle as it can be held to a returned fraction of 1, or null when a step has no duration. Steps at
     * one current: of the measured capacities and the ones with the offset the steps' mean currents read
     * taken out, those that returned more. Steps at different currents: the capacities with any offset read
     * against the usual currents taken out, allowed what an offset present at the level's learning may hide
     * (not judged before a level at these currents, or while it is a forming cell's). Null, too, for a cycle
     * not at an anode's voltages ({@link #atAnodeVoltages}).
     */
    Judged judged(CycleSummary cycle, CycleLeak.Oriented measured, double band) {
        if (!atAnodeVoltages(cycle)) {
            return null;
        }
        double[] currents = SensorOffset.meanCurrents(cycle);
        if (currents == null || !(currents[0] + currents[1] > 0)) {
            return null;
        }
        if (oneCurrent(currents)) {
            // The charge reads I + x and the discharge |−I + x| = I − x.
            CycleLeak.Oriented corrected = SensorOffset.corrected(cycle, measured, (currents[0] - currents[1]) / 2);
            return new Judged(corrected.returned() > measured.returned() ? corrected : measured, 0, 0);
        }
        double offsetA = usualCurrents.offsetA(cycle);
        CycleLeak.Oriented reading = SensorOffset.corrected(cycle, measured, offsetA);
        double level = usualReturned.mean();
        boolean bounded =
                usualReturned.count() >= SensorOffset.LEARN_CYCLES && atUsualCurrents(currents) && level <= 1 + band;
        return new Judged(reading, bounded ? 1 + band - level : Double.NaN, offsetA);
    }

    /**
     * Folds a cycle the CE baseline learnt and this rule did not find overdrawn into the level at its
     * currents (steps at different currents, past the formation cycles); another rate starts the level again.
     */
    void learn(CycleSummary cycle, Judged judged, double alpha, int formationCycles) {
        double[] currents = SensorOffset.meanCurrents(cycle);
        if (currents == null || oneCurrent(currents) || cycle.cycleIndex() <= formationCycles) {
            return;
        }
        if (!atUsualCurrents(currents)) {
            usualCurrents.reset();
            usualReturned.reset();
        }
        if (judged.offsetA() == 0) {
            usualCurrents.learn(cycle); // the usual stays the offset-free one while an offset lasts
        }
        usualReturned.add(judged.reading().returned(), alpha);
    }

    /**
     * Whether the cycle can be an anode half cell's against lithium: not both its steps above an anode's
     * voltages (unknown voltages: as declared). A full cell under an anode half cell's metadata runs both
     * above them; a conversion anode (an oxide, a sulfide) may give out its lithium above 2 V on one step
     * only, and stays judged.
     */
    static boolean atAnodeVoltages(CycleSummary cycle) {
        return AnodeHalfCell.atAnodeVoltage(cycle.meanChargeVoltageV())
                || AnodeHalfCell.atAnodeVoltage(cycle.meanDischargeVoltageV());
    }

    /** The two steps' mean currents close enough to be one applied current read with an offset. */
    private static boolean oneCurrent(double[] currents) {
        double mean = (currents[0] + currents[1]) / 2;
        return Math.abs(currents[0] - currents[1]) <= SensorOffset.MAX_FRACTION * mean;
    }

    /**
     * Both steps within the largest offset of the usual currents (or none learnt yet): the same applied
     * currents, so the same offset share of the returned fraction; labs change rates by more.
     */
    private boolean atUsualCurrents(double[] currents) {
        if (usualCurrents.chargeCurrentA.count() == 0) {
            return true;
        }
        return Math.abs(currents[0] / usualCurrents.chargeCurrentA.mean() - 1) <= SensorOffset.MAX_FRACTION
                && Math.abs(currents[1] / usualCurrents.dischargeCurrentA.mean() - 1) <= SensorOffset.MAX_FRACTION;
    }

    /**
     * Folds one complete cycle at the channel's usual rate ({@link #judged}): overdrawn when its returned
     * fraction, with its allowance, is under 1 less the band. Returns the run of overdrawn cycles.
     */
    int judge(Judged judged, double band, Double temperatureC) {
        double temperature = temperatureC == null ? Double.NaN : temperatureC;
        if (Math.abs(temperature - runTemperatureC) > CeDrift.TEMPERATURE_BAND_K) {
            run = 0; // another chamber temperature: trapped lithium may come back
        }
        if (judged == null || !judged.overdrawn(band)) {
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

    /**
     * A new protocol: its cycles are judged afresh. The level at the usual currents stays: a capacity moved
     * by a chamber step is not another current, and another current starts the level again when learnt.
     */
    void reset() {
        run = 0;
        runTemperatureC = Double.NaN;
    }
}
