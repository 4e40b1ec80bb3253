package io.cellwatch.streams.detect.symmetric;

/**
 * Thresholds of the symmetric-cell overpotential detector.
 *
 * @param baselineHalfCycles   half-cycles of each current direction (after the first half-cycle) whose mean
 *                             plateau is that direction's drift baseline; the bridge watch waits for as many
 *                             half-cycles learnt into the level
 * @param referenceAlpha       weight of a new normal half-cycle in the collapse reference (the recent level)
 * @param driftFraction        |plateau / baseline − 1| above which the overpotential has drifted
 * @param driftSigmas          ...and by more than this many combined standard errors of one half-cycle's
 *                             plateau and of the baseline's mean (the channel's own half-cycle-to-half-cycle scatter)
 * @param driftPersistence     consecutive drifted half-cycles, moving the same way, before the warning fires
 * @param driftResolveFraction drift under which half-cycles count towards resolving the warning
 * @param collapseFraction     the voltage resolved under this fraction of the level the cell had at this
 *                             current, with the noise up or in both current directions: a soft short
 * @param noiseRiseFactor      live noise above this many times the usual noise: a filament forming and burning out
 * @param hardShortFraction    the voltage resolved under this fraction of the level: pinned, a hard short
 * @param samplesToConfirm     samples a collapse or pin must last (and last again after a current reversal)
 * @param liveAlpha            weight of a new sample in the live |V|
 * @param noiseAlpha           weight of a new step in the live noise
 * @param minNoiseV            floor of the usual noise (a cycler logging 0.1 mV steps is not noiseless)
 * @param resolveAfterHalfCycles normal half-cycles that resolve a firing alert
 * @param currentBand          a half-cycle whose current differs from the drift baseline's by more than this
 *                             fraction is another rate: the baseline is learnt afresh at it
 * @param resolutionSigmas     a pin threshold under this many standard deviations of the live |V| (the usual
 *                             noise, smoothed as the live value is) is not resolved by the voltage alone: the
 *                             pin must hold through a current reversal
 * @param runSigmas            standard errors by which a run's mean must be under (or over) a fraction to be
 *                             resolved under it (or to end the run)
 * @param establishedShortSigmas standard errors by which the pin run's mean must be under the hard-short
 *                             fraction while a collapse already fires: the short is established, only its
 *                             size (hard or soft) is left to judge
 * @param resistanceRelativeError a hard short's alert waits until the pinned voltage's standard error is under
 *                             this fraction of it (R = V/I to that)...
 * @param resistanceWaitSamples ...or for at most this many samples of the pin...
 * @param resistanceWaitS      ...or for at most this long (test time, s) since the pin's run began, whichever
 *                             comes first: a slowly logging cycler does not hold back a dead cell's alarm
 * @param bridgeFall           a half-cycle's plateau mean this fraction or more under the level the cell had
 *                             at its current, in both directions, is a resistive bridge ({@link BridgeWatch})...
 * @param bridgeScatterFactor  ...and at least this many times the level's own scatter between half-cycles
 * @param maxActivationEnergyEv the largest activation energy of a Li|electrolyte|Li cell's overpotential
 *                             (ion transport and charge transfer), eV: bounds how far a warmer cell's
 *                             overpotential can fall by the temperature alone ({@link #warmingThatExplainsK}),
 *                             and rise ({@link #coolingRaisesBy})
 * @param riseFraction         the slow rise: each direction's recent level (plateaus smoothed as a mean of
 *                             {@code baselineHalfCycles}, discounted for the cell's cooling since its baseline)
 *                             this fraction or more over its baseline in both current directions, and
 *                             {@code driftSigmas} combined standard errors, for {@code driftPersistence}
 *                             half-cycles in a row, is a drift though no half-cycle is {@code driftFraction} off
 */
public record OverpotentialSettings(
        int baselineHalfCycles,
        double referenceAlpha,
        double driftFraction,
        double driftSigmas,
        int driftPersistence,
        double driftResolveFraction,
        double collapseFraction,
        double noiseRiseFactor,
        double hardShortFraction,
        int samplesToConfirm,
        double liveAlpha,
        double noiseAlpha,
        double minNoiseV,
        int resolveAfterHalfCycles,
        double currentBand,
        double resolutionSigmas,
        double runSigmas,
        double establishedShortSigmas,
        double resistanceRelativeError,
        int resistanceWaitSamples,
        double resistanceWaitS,
        double maxActivationEnergyEv,
        double bridgeFall,
        double bridgeScatterFactor,
        double riseFraction)
        implements RunThresholds {

    private static final double BOLTZMANN_EV_PER_K = 8.617333e-5;

    /**
     * The least warming that can by itself bring the overpotential down to {@code fraction} of its
     * level: η ∝ 1/σ and σ ∝ exp(−Ea/kT), so η falls to f when the cell warms by ln(1/f)·kT²/Ea
     * (to first order in ΔT). With the largest activation energy this is the smallest such warming.
     */
    public double warmingThatExplainsK(double fraction, double temperatureC) {
        return Math.log(1 / Math.max(fraction, 1e-6)) * kelvinsPerEFold(temperatureC);
    }

    /**
     * The most a cell cooled by {@code coolingK} from {@code temperatureC} can raise its overpotential by the
     * temperature alone, as a factor: the inverse of {@link #warmingThatExplainsK}, exp(Ea·ΔT/kT²) with the
     * largest activation energy (1 at no cooling).
     */
    public double coolingRaisesBy(double coolingK, double temperatureC) {
        return coolingK > 0 ? Math.exp(coolingK / kelvinsPerEFold(temperatureC)) : 1;
    }

    /**
     * The temperature change that moves the overpotential by a factor e at {@code temperatureC} with the largest
     * activation energy, kT²/Ea (Arrhenius to first order in ΔT), K.
     */
    private double kelvinsPerEFold(double temperatureC) {
        double kelvin = 273.15 + temperatureC;
        return BOLTZMANN_EV_PER_K * kelvin * kelvin / maxActivationEnergyEv;
    }

    /**
     * The weight of a new half-cycle in a direction's recent level for the slow rise: an exponential mean
     * weighting it 2/(n + 1) scatters as a mean of n half-cycles does (its variance α/(2 − α) of one's is 1/n),
     * with n the baseline's half-cycles.
     */
    public double riseWeight() {
        return 2.0 / (baselineHalfCycles + 1);
    }

    /**
     * Seed 001: a healthy Li|QCPE@P-DOL|Li cell holds 80 mV within a few percent for 2100 h, while
     * the bare-QCPE cell shorts at 60 h (the paper gives its life, not how far its overpotential moved
     * first). At constant current a symmetric cell's overpotential follows its interfacial resistance,
     * which is thermally activated: at 0.3–0.5 eV (Li against oxide, sulfide and polymer electrolytes)
     * it moves 4–6 %/K near 30 °C, so a chamber holding ±1 K moves it by at most about 6 %, and 20 % is
     * three times that, more than 3 K of Arrhenius, beyond what a healthy interphase in a held chamber
     * shows. A 20 % drift is therefore worth a warning, but only where the cell's own plateaus are
     * steadier than that (an earlier comment here put a "~25 %" climb on seed 001's bare cell: the
     * paper has no such figure; it was the simulator's scenario, taken out, the limit unchanged): a plateau is the mean of
     * a few dozen readings, and where the overpotential is a few mV under mV of noise or pickup (an LLZTO
     * or sulfide cell at a low current) one half-cycle's plateau scatters by several percent about the
     * next, and a baseline of four half-cycles carries half that error for the rest of the run. So a
     * half-cycle counts as drifted only when its deviation from the baseline is also three combined
     * standard errors (one half-cycle's scatter and the baseline mean's, measured on the channel: the
     * baseline's own spread, then the differences between successive half-cycles, which a slow drift
     * does not move), as for a run: a test repeated at every half-cycle over hundreds needs more than
     * the usual two, and 3σ is a 1-in-740 one-sided chance. A clean cell (80 mV with 0.1 mV noise)
     * resolves a 1 % change, so there the 20 % alone decides. Each current direction has its own baseline
     * of four half-cycles: an instrument offset adds to one direction and takes from the other, a
     * constant one is learnt into the baselines, and a run of drifted half-cycles must move one way,
     * as the interphase raises both. A short of resistance R across a cell of η/I = R_cell takes R_cell/(R_cell + R) of the
     * current and the voltage falls with it. A healthy plateau after the nucleation peak sits within
     * ±15 % of its half-cycle mean (concentration polarisation builds through the half; seed 001 holds
     * within a few %), so a voltage resolved under 75 % of the cell's level at this current is a path
     * carrying a quarter of the current or more; under 10 % the short carries nine tenths: pinned, hard.
     * The level is the recent one scaled to the current now by the least a healthy cell can have (η
     * rises with I, sub-linearly), so no rate change reads as a fall. Resolved: the run's mean three
     * standard errors under the fraction (a test repeated at every sample needs more than the usual
     * two; 3σ is a 1-in-740 one-sided chance per run). Once the collapse fires, a parallel path is
     * established beyond that detection's 3σ, and whether it is pinned under 10 % (a hard short, the cell
     * dead) or a soft short is no longer a test repeated on every healthy run but the size of this one
     * short: the usual two standard errors judge it (a pin resolved under 10 % at 2σ while the collapse
     * fires is a hard short). Three would hold a dead cell's alarm for hours where the logging is slow and
     * the overpotential a few mV: a pin at half the threshold under noise of a tenth of the level is
     * resolved at 3σ after (3·0.1/0.05)² = 36 readings (2.4 h at a row every 4 min), at 2σ after 16; a
     * short just above the threshold (12 % of the level) is called hard at 2σ in 3–10 % of such shorts
     * (the test repeated reading by reading over 200 readings, one reading's noise 10–30 % of the level),
     * which changes only which critical alert names it. A cycler regulates its current to a fraction of
     * a percent and a lab changes rates by 10 % or more: a current 5 % off the baseline's is another
     * rate, whose overpotential is learnt before drift is judged again. A pin threshold that is not two
     * standard deviations of the smoothed noise away from zero (a tenth of a few-mV overpotential at a
     * low current) could be a pickup of the signal's size, which lowers one direction: a short is a
     * resistor and lowers both, so there the pin (and any collapse without a noise rise) must also
     * hold after the current reverses, unless the noise has risen several times the usual: a filament
     * forming and burning out (seed 001), which no offset does. A hard short is the cell's death
     * already, so its alert may wait for an R the lab can use (issue 9 asks for 30 %): until the pinned
     * voltage's standard error is under 15 % of it (30 % at two standard errors), for at most 30 readings
     * or 15 minutes, whichever comes first (30 readings are 15 min at 30 s logging, but 2.5 h at the
     * 5 min a slow cycler logs: the cell is dead, the alarm must not wait on the logging interval); a
     * voltage of µV under mV of noise gives no R from V/I in any useful time. The same 15 % decides whether
     * any alert of this detector gives R: its readings give R = V/I_leak to σ_V/(V·(1 − V/η)); an R they do
     * not carry to 15 % yet follows as an update of the episode once they do, and a flickering filament's
     * run (a different short at every reading, and the readings that happened to fall) only after as many
     * readings as the hard short's alert may wait for (30). On a run steady under the noise (not a flickering
     * filament's), a follow-up's R, and a hard short's, is read from (3/2)² as many readings again after those
     * judged to carry it (30 % at three standard errors, not two: {@link
     * ShortResistanceFollowUp#FOLLOW_UP_READINGS_PER_JUDGED}): the judgement, reading by reading, stops
     * where the noise has swung the mean up, and R from the judged readings themselves read high (a 0.3 mV
     * pin under 1 mV of noise: 6.6 % on average, one seed in ten over 30 %). An instrument offset appearing mid-run raises
     * one current direction by as much as it lowers the other, a short lowers both: a fall in one direction
     * is no short while the other's last half-cycle stood raised by half of it or more (half way between a
     * short, which leaves it at its level, and an offset, which raises it by the whole fall), and a
     * half-cycle raised by more than half the bridge fall (beyond a steady cell's half-cycle scatter of a
     * few percent) while the other stood lowered by half as much is not learnt into the level.
     * A flickering filament's R is read from the run's readings under the band a healthy plateau keeps
     * by itself (85 % of the level, {@link RunThresholds#healthyPlateauBand}): a reading in the band may be
     * a moment the filament was burnt out, the cell's own level with no current in the short, and counting
     * it reads R high (a reading in ten burnt out at twice the voltage of the rest: a fifth); the leak, linear
     * in V on the ohmic path, is still read from all of them.
     * A warmer cell conducts better: the overpotential of Li-ion transport and charge transfer follows
     * Arrhenius with activation energies of about 0.2–0.4 eV (sulfide and garnet electrolytes, liquid
     * electrolytes) up to about 1 eV (PEO below its melting point, resistive interphases); with 1 eV, a
     * chamber 2.2 K warmer near room temperature can take a quarter off the overpotential by itself,
     * 10 K nearly two thirds. A fall the cell's own temperature rise explains is not judged a short,
     * and the level is learnt afresh at the new temperature (a chamber holds its set point within
     * about ±1 K, so a short at a steady temperature is not hidden).
     * Whole half-cycles are steadier than their samples: the plateau mean of a healthy cell at one
     * current and temperature repeats within a few percent from one half-cycle to the next (seed 001:
     * 80 mV within a few percent over 2100 h), and a chamber holding ±1 K moves even a 1 eV cell's
     * overpotential by about 12 %; so a plateau mean 15 % under the level in both current directions
     * (a bridge taking 15 % of the current or more), many times (6, as the cycle detectors' bands) the
     * half-cycle-to-half-cycle scatter the level itself shows, is a resistive bridge formed between
     * half-cycles, not an interphase that evolves a little every half-cycle.
     * A run whose current never reverses (plating one way, loop after loop, until the cell shorts) never
     * gives the reversal its second direction, so it is judged on whole half-cycles with the same numbers
     * ({@link OneWayFall}): two running (as a drift) whose plateau is resolved under the collapse fraction
     * are a warning that says the fall cannot be told from an offset or from the electrodes' surface
     * growing under one-way plating, not the critical a two-way fall is.
     * The slow rise (issue 9): an interphase that grows, or a contact that loosens, can raise the
     * overpotential by less than 20 % over a whole test and still be the cell failing; what a healthy cell
     * does instead is hold: seed 001's Li|QCPE@P-DOL|Li keeps its 80 mV within a few percent for 2100 h,
     * seed 002's LMA@Li|LATP its 50 mV for 1200 h, while the bare cells climb (seed 002: rising
     * polarisation; seed 001: a short at 60 h). A few percent is at most 5 %; a rise twice that, 10 %
     * ({@code riseFraction}), is beyond what a healthy interphase moves in its whole life, and more than a
     * chamber's ±1 K moves it (about 6 %, above). It is judged on the cell's own steadiness, not on single
     * half-cycles: each direction's recent level is its plateaus smoothed as a mean of as many half-cycles
     * as the baseline holds (four; an exponential mean weighting a new one by 2/(n + 1) = 0.4 scatters as
     * a mean of n), so no one half-cycle is a rise and a rise must be sustained; it must stand 10 % over
     * its direction's baseline in both current directions (an interphase raises both; an instrument offset
     * or a pickup rectified in |V| raises one and not the other) and three combined standard errors of one
     * half-cycle and of the baseline's mean, as a single drifted half-cycle must, for two half-cycles in a
     * row: the smoothed level is not credited with the √4 it would gain on independent scatter, because a
     * cell's plateaus can wander together over several half-cycles (a pickup larger than a few-mV
     * overpotential, rectified in the plateau's mean |V|; the chamber's day), which the successive
     * differences the scatter is measured from do not see. A clean cell (80 mV, 1 mV noise, plateaus
     * repeating to 0.1 %) so resolves a rise far below 10 %, and there the 10 % decides; a few-mV cell
     * whose plateaus scatter by 5 % needs 17 %, and its 20 % route is barely stricter. Benign changes:
     * a colder cell has a higher overpotential (Arrhenius), so the recent level is first divided by the
     * most the cell's cooling since its baseline can raise it ({@link #coolingRaisesBy}, with the largest
     * activation energy: 0.73 K cooler at 25 °C explains 10 %), and a warmer one is never credited; a rate
     * change, and every cycle of a conditioning ramp, is a current 5 % off the baseline's, which relearns
     * the baseline and the recent levels at the new current; a pause or a rest moves no half-cycle, so the
     * level is where it was when cycling resumes. A fall is not judged here: it is a short's signature,
     * the collapse and bridge watches' to judge.
     */
    public static OverpotentialSettings defaults() {
        return new OverpotentialSettings(
                4, 0.3, 0.20, 3.0, 2, 0.10, 0.75, 3.0, 0.1, 3, 0.3, 0.2, 0.0002, 4, 0.05, 2.0, 3.0, 2.0, 0.15, 30, 900,
                1.0, 0.15, 6.0, 0.10);
    }
}
