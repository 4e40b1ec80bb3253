package io.cellwatch.streams.detect.leak;

import java.util.Arrays;

/**
 * A channel's usual charge curve, the charge stored when the voltage has climbed a given part of its
 * usual rise, and the charge now running at the same steps: what a charge that does not end has leaked
 * so far, from its own charge balance.
 *
 * <p>Physics: a voltage-limited discharge leaves the cell in the same state every cycle, so a normal
 * charge stores the same charge Q_s(ΔV) by the time its voltage has climbed ΔV from the start. With a
 * short drawing I_leak, the cycler's count Q_p runs ahead of what is stored: at the voltage reached,
 * Q_p − Q_s(ΔV) has gone through the short in the charge's time t, so the mean leak current during
 * the charge is (Q_p − Q_s)/t, and the equivalent resistance is the charge's time-mean voltage over it
 * (a resistor's current follows the voltage). This holds on any curve shape: a graphite or LFP
 * plateau, where the local dV/dQ is far below the charge's mean and a slope comparison would read a
 * normal charge as leaking.
 *
 * <p>Uncertainty (one standard deviation): the curve is known at {@link #LEVELS} steps of the rise and
 * at the rises where the usual charge had stored each 1/{@link #LEVELS} share of itself (its steps of equal
 * charge, {@link EqualShareSteps}); between the two points that bracket the voltage reached, the stored
 * charge could be anywhere (uniform: the bracket's width over √12), and the curve itself moves by the
 * scatter of normal charges (half the root-mean-square change the last normal charge made to it). Steps
 * of the rise alone left a plateau's charge in one or two wide brackets (a graphite half cell: nine
 * tenths of the charge within three of the twenty), read on a straight line across them; the steps of
 * equal charge bound every bracket to a twentieth of the charge. The rise is counted from the charge's
 * first row, which moves from charge to charge: what the curve stores over that spread either side of
 * the reading is its uncertainty too, large on a plateau. The mean voltage is known as far as the rows
 * show it: between two rows the voltage lies anywhere between them (over a pause inside the charge,
 * hours of a short draining the cell seen only at their two ends). The leak leaves the cell less of its own
 * current, so its voltage at each state of charge stands lower than a usual charge's, by up to the cell's
 * effective resistance ({@link ChargeDischargeGap}) times the leak: the stored charge is read both at the
 * voltage and where that whole shift would put it (the first row the rise is counted from may stand lowered by
 * it already, or not yet), the leak stated as the middle of the two, half their distance one more uncertainty
 * (on LFP's flat plateau a few tens of mV are a quarter of the charge: the seven
 * resistive shorts of full cells whose R the voltage alone read more than 30 % off, over thirteen evaluation
 * ranges, were all LFP cells, all read low, by 31-55 %).
 *
 * <p>Part of a detector's state: the usual curve ({@link #LEVELS}+1 fractions and {@link #LEVELS}+1
 * rises of its shares), the running charge's charge passed at the same steps of the rise it is expected
 * to climb (the usual one: the steps the estimate reads the curve at) and a few sums. A trace of the
 * charge's points would be three times as many numbers for the same steps, read back by interpolation
 * all the same.
 */
public final class ChargeCurve {
    /** Steps of the rise the curve is kept at. */
    public static final int LEVELS = 20;
    /** Weight of a new normal charge in the usual curve (about the last five charges). */
    static final double FOLLOW = 0.2;

    /** Stored fraction of the usual charge at rise k/LEVELS; NaN where no charge has reached it. */
    double[] usual = new double[0];
    /**
     * The rise (a fraction of the usual rise) at which the usual charge had stored share j/LEVELS of itself: its
     * steps of equal charge ({@link EqualShareSteps}); NaN where no charge has reached it. Single precision, as
     * {@link #passedAtShare}: seven digits are far finer than a curve's scatter between charges, and they keep the
     * state small (a double costs twice the bytes in the state store).
     */
    float[] riseAtShare = new float[0];
    /**
     * True once a charge recorded at the steps of equal charge has drawn them. The first charge learnt has only
     * its steps of equal voltage to place them by (a straight line across a plateau's step: what they are there
     * to mend), so the next charge, read at them, replaces them rather than moving them by {@link #FOLLOW}.
     */
    boolean sharesFromOwnSteps;
    /** The root-mean-square change the last learnt charge made to the levels: the curve's scatter. */
    double scatter;
    /** Where usual charges start, V. */
    double usualStartV = Double.NaN;
    /**
     * The spread of the usual charges' first voltages about {@link #usualStartV} (a variance, V²; NaN until
     * two charges are learnt): the first row lands anywhere in the first logging interval, on the steep
     * rise a charge starts with, so each charge's rise is counted from a point that moves by this much.
     */
    double startVarianceV2 = Double.NaN;

    // The running charge.
    double startV = Double.NaN;
    double startS;
    double lastS;
    /** The running charge's voltage integral, V·s, each interval between rows taken at the mean of its two rows. */
    double voltSeconds;
    /**
     * How far {@link #voltSeconds} can be off, V·s: half of each interval's change of voltage times its length, summed
     * (the voltage's path between two rows lies anywhere between them).
     */
    double voltSecondsHalfRange;
    /** The rise the running charge's steps are laid on (the usual rise when it began), V; NaN: none known. */
    double stepRiseV = Double.NaN;
    /**
     * Charge passed when the running charge first reached each step k/LEVELS of {@link #stepRiseV} above its
     * start (linear between the rows that bracket it); NaN where it has not yet.
     */
    double[] passedAtStep = unreached();
    /** Charge passed when the running charge first reached each rise of {@link #riseAtShare}; NaN where not yet. */
    float[] passedAtShare = unreachedShares();
    /** The running charge's highest voltage so far, and the charge passed when it got there. */
    double highV = Double.NaN;

    double highAh;
    /** True while a charge runs and has not been learnt from. */
    boolean recording;
    /** The running charge's previous row (voltage, charge passed), and how far the voltage fell from it to the latest. */
    double previousRowV = Double.NaN;

    double previousRowAh;
    double latestFallV;
    double latestFallAh;
    /**
     * Test time the discharge before the running charge ended, where a short drained the cell through the rest
     * between ({@link RestDrain}), s; NaN where the charge alone is counted. The rest's voltage integral, V·s.
     */
    double drainedFromS = Double.NaN;

    double drainedVoltSeconds;

    public ChargeCurve() {
        // for the state-store codec
    }

    /**
     * A charge begins at this voltage and test time, expected to climb {@code expectedRiseV} (the usual
     * charge's rise; NaN when none is known yet: the charge is then not learnt from).
     */
    public void start(double voltageV, double testTimeS, double expectedRiseV) {
        startV = voltageV;
        startS = testTimeS;
        lastS = testTimeS;
        voltSeconds = 0;
        voltSecondsHalfRange = 0;
        stepRiseV = expectedRiseV;
        passedAtStep = unreached();
        passedAtStep[0] = 0;
        passedAtShare = unreachedShares();
        passedAtShare[0] = 0;
        highV = voltageV;
        highAh = 0;
        recording = true;
        previousRowV = Double.NaN;
        latestFallV = 0;
        latestFallAh = 0;
        drainedFromS = Double.NaN;
        drainedVoltSeconds = 0;
    }

    /**
     * The running charge began after a rest through which a short drained the cell, from the discharge's end
     * at {@code fromS} ({@link RestDrain#drainedSince}), over which the voltage integrated to {@code
     * voltSeconds}: the charge puts back what the rest lost before it climbs like a usual one, so its balance
     * is the leak since then.
     */
    public void drainedBefore(double fromS, double voltSeconds) {
        if (fromS < startS && voltSeconds > 0) {
            drainedFromS = fromS;
            drainedVoltSeconds = voltSeconds;
        }
    }

    /** A row of the running charge: its voltage, test time and the charge passed since the start. */
    public void row(double voltageV, double testTimeS, double passedAh) {
        if (!recording) {
            return;
        }
        double fromV = Double.isNaN(previousRowV) ? voltageV : previousRowV;
        latestFallV = Double.isNaN(previousRowV) ? 0 : previousRowV - voltageV;
        latestFallAh = Double.isNaN(previousRowV) ? 0 : passedAh - previousRowAh;
        previousRowV = voltageV;
        previousRowAh = passedAh;
        double dt = testTimeS - lastS;
        if (dt > 0) {
            // Between two rows the voltage went from one to the other along a path they do not show: its mean lies
            // between them, taken midway, half their difference either side. Over a logging interval that is
            // nothing; over a pause inside the charge (the cycler stopped for hours, no rows) the short drained the
            // cell the whole time while the voltage fell from the row before to the row after, and taking the
            // later row's voltage for all of it read the charge's mean voltage, so R, low (an anode half cell
            // paused 16 h, 0.47 V before and 0.13 V after: R 38 % low, at 15 of its stated σ).
            voltSeconds += (fromV + voltageV) / 2 * dt;
            voltSecondsHalfRange += Math.abs(voltageV - fromV) / 2 * dt;
            lastS = testTimeS;
        }
        if (voltageV <= highV) {
            return;
        }
        for (int k = 1; k <= LEVELS && stepRiseV > 0; k++) {
            double stepV = startV + stepRiseV * k / LEVELS;
            if (stepV > voltageV) {
                break;
            }
            if (Double.isNaN(passedAtStep[k])) {
                passedAtStep[k] = passedAt(stepV, voltageV, passedAh);
            }
        }
        // The usual curve moves only when a charge is learnt, after its last row: its steps of equal charge
        // stand still through this charge.
        for (int j = 0; j < riseAtShare.length && stepRiseV > 0; j++) {
            double stepV = startV + stepRiseV * riseAtShare[j];
            if (stepV <= voltageV && Double.isNaN(passedAtShare[j])) {
                passedAtShare[j] = (float) passedAt(stepV, voltageV, passedAh);
            }
        }
        highV = voltageV;
        highAh = passedAh;
    }

    /** Charge passed when the voltage crossed {@code stepV} on its way from the highest so far to this row's. */
    private double passedAt(double stepV, double voltageV, double passedAh) {
        return highAh + Math.max(0, stepV - highV) / (voltageV - highV) * (passedAh - highAh);
    }

    /** The running charge ended as a normal one of {@code chargeAh}: it moves the usual curve. */
    public void learn(double chargeAh) {
        boolean recorded = recording && stepRiseV > 0 && highV > startV;
        recording = false; // learnt or not, the steps are done with until the next charge
        if (!(chargeAh > 0) || !recorded) {
            return;
        }
        double[] risesAtShares = risesAtShares(chargeAh);
        boolean recordedAtShares = riseAtShare.length == LEVELS + 1;
        if (usual.length != LEVELS + 1) {
            usual = new double[LEVELS + 1];
            Arrays.fill(usual, Double.NaN);
        }
        if (riseAtShare.length != LEVELS + 1) {
            riseAtShare = unreachedShares();
        }
        for (int j = 0; j <= LEVELS; j++) {
            double before = riseAtShare[j];
            double rise = risesAtShares[j];
            if (!Double.isNaN(rise)) {
                riseAtShare[j] = (float)
                        (Double.isNaN(before) || !sharesFromOwnSteps ? rise : before + FOLLOW * (rise - before));
            }
        }
        sharesFromOwnSteps |= recordedAtShares;
        double squares = 0;
        int changed = 0;
        for (int k = 0; k <= LEVELS; k++) {
            double fraction = passedAtStep[k] / chargeAh;
            if (Double.isNaN(fraction)) {
                continue;
            }
            double before = usual[k];
            usual[k] = Double.isNaN(before) ? fraction : before + FOLLOW * (fraction - before);
            if (!Double.isNaN(before)) {
                squares += (fraction - before) * (fraction - before);
                changed++;
            }
        }
        scatter = changed > 0 ? Math.sqrt(squares / changed) : 0;
        if (!Double.isNaN(usualStartV)) {
            double d2 = (startV - usualStartV) * (startV - usualStartV);
            startVarianceV2 = Double.isNaN(startVarianceV2) ? d2 : startVarianceV2 + FOLLOW * (d2 - startVarianceV2);
        }
        usualStartV = Double.isNaN(usualStartV) ? startV : usualStartV + FOLLOW * (startV - usualStartV);
    }

    /**
     * The running charge's rise at each share of {@code chargeAh}, from every point it was recorded at: its steps
     * of equal voltage, of equal charge (the usual's, as they stood through it) and its top.
     */
    private double[] risesAtShares(double chargeAh) {
        double[] rises = new double[2 * (LEVELS + 1) + 1];
        double[] passed = new double[rises.length];
        for (int k = 0; k <= LEVELS; k++) {
            rises[k] = (double) k / LEVELS;
            passed[k] = passedAtStep[k];
            rises[LEVELS + 1 + k] = riseAtShare.length == LEVELS + 1 ? riseAtShare[k] : Double.NaN;
            passed[LEVELS + 1 + k] = passedAtShare[k];
        }
        rises[rises.length - 1] = (highV - startV) / stepRiseV;
        passed[rises.length - 1] = highAh;
        return EqualShareSteps.risesAtShares(rises, passed, chargeAh, LEVELS);
    }

    /** True once a normal charge has drawn the curve. */
    public boolean known() {
        return usual.length == LEVELS + 1 && !Double.isNaN(usual[0]);
    }

    /**
     * The leak of the running charge at this row, against a usual charge of {@code usualAh} (known to {@code
     * usualAhSigma}, one standard deviation) over a voltage rise of {@code usualRiseV}; null when the curve is not
     * known, the charge has no time yet, or the charge is off the curve: it began more than a usual rise away from
     * where usual charges begin (the cell was already drained through a short), or its voltage has fallen below its
     * start (under charge current, a cell being drained: the short takes more than the charge current). With the
     * cell's effective resistance {@code cellResistanceOhm} ({@link ChargeDischargeGap}; NaN where not known), the
     * leak leaving the cell less of its own current stands its voltage at each state of charge up to that
     * resistance times the leak under the usual curve's ({@link #ownCurrentLeakA}).
     */
    public LeakEstimate estimate(
            double voltageV,
            double testTimeS,
            double passedAh,
            double usualAh,
            double usualAhSigma,
            double usualRiseV,
            double cellResistanceOhm) {
        double t = testTimeS - startS;
        if (!known()
                || !(t > 0)
                || !(usualRiseV > 0)
                || !(usualAh > 0)
                || voltageV < startV
                || Math.abs(startV - usualStartV) > usualRiseV) {
            return null;
        }
        double rawX = LEVELS * (voltageV - startV) / usualRiseV;
        double x = Math.min(LEVELS, rawX);
        int k = Math.min(LEVELS - 1, (int) Math.floor(x));
        if (Double.isNaN(usual[k]) || Double.isNaN(usual[k + 1])) {
            return null;
        }
        EqualShareSteps.Reading reading = EqualShareSteps.read(usual, riseAtShare, x);
        double storedAh = usualAh * reading.fraction();
        double curveSigmaAh = curveSigmaAh(x, usualAh, usualRiseV);
        // The curve is shares of the usual charge: its size's own uncertainty carries into what they say is stored.
        double sizeAh = reading.fraction() * usualAhSigma;
        // This charge's first row itself may lie off where usual charges start: by its row's phase on the steep
        // first rise (the usual start is then the truer zero), or by a curve moved as a whole (a leak lowering the
        // cell's own current and so its overpotential, a contact's resistance: its own first row is then). Nothing
        // here tells which: the two readings bound the stored charge. The estimate, read from its own first row,
        // sits at one end, and states the whole way to the other as one uncertainty: R = V/I stretches the side
        // of the smaller leak, and two uncertainties of the leak reaching the other reading left R's short of it
        // (a first row 115 mV above the usual start, on an LFP plateau, read R 87 % low at 85 of its stated σ).
        double fromUsualX = Math.max(0, Math.min(LEVELS, LEVELS * (voltageV - usualStartV) / usualRiseV));
        double fromUsualAh = usualAh * storedFraction(fromUsualX);
        double otherStartAh = Double.isNaN(fromUsualAh) ? 0 : Math.abs(fromUsualAh - storedAh);
        boolean integrated = voltSeconds > 0 && lastS > startS;
        double meanV = integrated ? voltSeconds / (lastS - startS) : voltageV;
        double meanHalfRangeV = integrated ? voltSecondsHalfRange / (lastS - startS) : 0;
        double appliedA = passedAh / (t / 3600);
        if (!Double.isNaN(drainedFromS)) {
            // The balance is the leak since the discharge ended: over the rest and the charge, at the voltage of both.
            meanV = (drainedVoltSeconds + meanV * t) / (t + startS - drainedFromS);
            meanHalfRangeV = meanHalfRangeV * t / (t + startS - drainedFromS);
            t += startS - drainedFromS;
        }
        double hours = t / 3600;
        // The leak over the readings so far (the charge's, and a drained rest's before it), which is what they
        // carry (a resistor's current follows the voltage, so a whole cycle's mean would need the voltage of the rest
        // of a cycle that has not happened: spreading it
        // by the last cycle's mean voltage read an anode half cell's leak 2.8x low, its R right).
        if (rawX > LEVELS) {
            // Past the top of the usual rise the curve ends: the cell has stored at least the usual charge,
            // how much more nothing here says (taking the top for it read a leak of half the current with a
            // bound that missed it). Only the side the curve gives: the leak is at most the rest of what passed.
            // Read from where usual charges start, the voltage can still lie inside the usual rise: this charge's first
            // row then lay under the usual start, by its phase on the steep first rise or by a curve moved as a whole,
            // and, as below, nothing here tells which. The lower of the two readings, less two of its own
            // uncertainties, is what the cell has stored at the least (a leak of 0.45 of the current, the charge's
            // first row 133 mV under the usual start: past the top from its own row, at 85 % of the rise from the
            // usual start; the top alone bounded the leak at 0.37 of the current).
            double leastStoredAh = Math.max(0, storedAh - 2 * sizeAh);
            if (fromUsualAh < storedAh) {
                double fromUsualSigmaAh = curveSigmaAh(fromUsualX, usualAh, usualRiseV);
                leastStoredAh = Math.max(0, Math.min(leastStoredAh, fromUsualAh - 2 * fromUsualSigmaAh));
            }
            double mostA = Math.max(0, passedAh - leastStoredAh) / hours;
            // Stated as the middle of [0, most] with two uncertainties reaching both ends, and no R: only its bound.
            LeakEstimate atMost = new LeakEstimate(
                    mostA / 2, mostA / 4, appliedA, Double.NaN, Double.NaN, LeakEstimate.Basis.CHARGE_BALANCE);
            return mostA > 0 ? atMost.boundedOnly((meanV - meanHalfRangeV) / mostA, Double.NaN) : atMost;
        }
        // The leak read at the voltage itself, and read where the cell's own current, less the leak, would have put
        // it on the usual curve: the estimate is the middle of the two and half their distance one more uncertainty.
        // Which end is nearer, the rows do not say: how much of the gap between charge and discharge follows the
        // current (hysteresis does not), and whether the charge's first row, which the rise is counted from, stood
        // lowered by the shift already (an ohmic drop is, at once; a polarisation that builds over minutes is not
        // yet: held-out 85020's first row, 123 s in, stood 1 mV under a healthy one where the shift grew to 31 mV).
        double atVoltageA = Math.max(0, passedAh - storedAh) / hours;
        double ownCurrentA = ownCurrentLeakA(atVoltageA, x, passedAh, hours, usualAh, usualRiseV, cellResistanceOhm);
        double ownCurrentShiftA = (atVoltageA - ownCurrentA) / 2;
        // The mean voltage anywhere within its half range (uniform): its standard deviation is the half range over √3.
        return LeakEstimate.of(
                atVoltageA - ownCurrentShiftA,
                Math.hypot(Math.hypot(Math.hypot(curveSigmaAh, otherStartAh), sizeAh) / hours, ownCurrentShiftA),
                appliedA,
                meanV,
                meanHalfRangeV / Math.sqrt(3),
                LeakEstimate.Basis.CHARGE_BALANCE);
    }

    /**
     * The leak where the voltage read stands under the usual curve by all that the leak takes off the cell's own
     * overpotential: the L at which the curve, read {@code R·L} higher, leaves L for the leak ((passed − stored) /
     * hours); at most {@code atVoltageA} (the reading at the voltage itself, R·L = 0), at the least 0. A larger L
     * reads more stored and so a smaller leak, so the one L that agrees is found by halving. Past the curve's top
     * the reading stays at the top (what is stored there is at least the usual charge's: the shift is then taken
     * short, never overdone). {@code atVoltageA} where the resistance is not known, or where a step of the curve the
     * shift reads is not known yet.
     */
    private double ownCurrentLeakA(
            double atVoltageA,
            double x,
            double passedAh,
            double hours,
            double usualAh,
            double usualRiseV,
            double cellResistanceOhm) {
        if (!(cellResistanceOhm > 0) || !(atVoltageA > 0)) {
            return atVoltageA;
        }
        double low = 0;
        double high = atVoltageA;
        for (int i = 0; i < 40; i++) {
            double leakA = (low + high) / 2;
            double shiftedX = Math.min(LEVELS, x + LEVELS * cellResistanceOhm * leakA / usualRiseV);
            double stored = usualAh * storedFraction(shiftedX);
            if (Double.isNaN(stored)) {
                return atVoltageA; // the curve is not known that high: nothing to read the shift on
            }
            double leftA = Math.max(0, passedAh - stored) / hours;
            if (leftA < leakA) {
                high = leakA;
            } else {
                low = leakA;
            }
        }
        return (low + high) / 2;
    }

    /**
     * How well the usual curve gives the charge stored at step x (0 to {@link #LEVELS}) of a rise of {@code
     * usualRiseV}, Ah, one standard deviation: anywhere within the bracket of the curve's points around it
     * (uniform: its width over √12), the curve's own scatter between charges, and what the curve stores over the
     * spread of the usual charges' first voltages either side of x (the rise is counted from a first row, which
     * moves by that spread: read where the curve climbs slowly, a plateau, a few mV of it is much of the charge;
     * what it stores over the spread, not the bracket's slope alone, since on a plateau resolved in steps of equal
     * charge one bracket can be narrower than the spread).
     */
    private double curveSigmaAh(double x, double usualAh, double usualRiseV) {
        EqualShareSteps.Reading reading = EqualShareSteps.read(usual, riseAtShare, x);
        int k = Math.min(LEVELS - 1, (int) Math.floor(x));
        double bracketAh = usualAh * reading.bracket() / Math.sqrt(12);
        double scatterAh = usualAh * scatter / 2;
        double startAh = usualAh * storedOver(x, LEVELS * startSigmaV() / usualRiseV, k);
        return Math.hypot(Math.hypot(bracketAh, scatterAh), startAh);
    }

    /**
     * The usual curve's stored fraction at step x (0 to {@link #LEVELS}), between the points of equal voltage and
     * of equal charge around it; NaN where not reached.
     */
    private double storedFraction(double x) {
        return EqualShareSteps.read(usual, riseAtShare, x).fraction();
    }

    /**
     * The fraction of the usual charge stored per {@code spreadX} steps of rise around step x: the curve's mean
     * climb over [x − spread, x + spread] (within the curve); where that reaches a step not yet known, step k's own.
     */
    private double storedOver(double x, double spreadX, int k) {
        double from = Math.max(0, x - spreadX);
        double to = Math.min(LEVELS, x + spreadX);
        double stored = Math.abs(storedFraction(to) - storedFraction(from));
        if (!(to > from)) {
            return 0;
        }
        return Double.isNaN(stored) ? Math.abs(usual[k + 1] - usual[k]) * spreadX : stored / (to - from) * spreadX;
    }

    private double startSigmaV() {
        return Double.isNaN(startVarianceV2) ? 0 : Math.sqrt(startVarianceV2);
    }

    /**
     * How far the usual charge's local dV/dQ strays from its mean along the curve: the least and the most
     * of mean/local over the curve's steps (the fraction of the charge stored over one step, times {@link #LEVELS}), or null when the
     * curve is not known. A charge's recent dV/dQ against the mean says how much of the current is stored
     * only once the local slope is known; these are the ratios it can take.
     */
    public double[] meanOverLocalSlopeRange() {
        if (!known()) {
            return null;
        }
        double least = Double.POSITIVE_INFINITY;
        double most = 0;
        for (int k = 0; k < LEVELS; k++) {
            double stored = usual[k + 1] - usual[k];
            if (Double.isNaN(stored) || !(stored > 0)) {
                continue;
            }
            least = Math.min(least, LEVELS * stored);
            most = Math.max(most, LEVELS * stored);
        }
        return most > 0 ? new double[] {least, most} : null;
    }

    /**
     * {@link #meanOverLocalSlopeRange()} where the cell was on the usual curve while its recent dV/dQ was measured,
     * from {@code fromV} to {@code toV}: only the curve's steps that stretch of voltage spans, read from where usual
     * charges start and from where this one did (the first row moves by the start's spread, a whole curve moves with
     * the current the cell itself takes), and one step more either side. A window at the curve's steep top reads the
     * top's ratios, not the plateau's: a leak of 0.96 of the current read on the whole curve's range, 0.72, put R
     * 35 % high. Null where the stretch leaves the curve (below where it starts, a cell drained through a short, or
     * past its top, where the cell is steeper than any step the curve knows: the ratios there are unknown), or where
     * the curve is not known.
     */
    public double[] meanOverLocalSlopeRange(double fromV, double toV) {
        if (!known() || !(stepRiseV > 0) || Double.isNaN(fromV) || Double.isNaN(toV) || Double.isNaN(startV)) {
            return null;
        }
        double lowStartV = Double.isNaN(usualStartV) ? startV : Math.min(startV, usualStartV);
        double highStartV = Double.isNaN(usualStartV) ? startV : Math.max(startV, usualStartV);
        double bottomX = LEVELS * (Math.min(fromV, toV) - highStartV) / stepRiseV;
        double topX = LEVELS * (Math.max(fromV, toV) - lowStartV) / stepRiseV;
        if (bottomX < 0 || topX > LEVELS) {
            return null;
        }
        double least = Double.POSITIVE_INFINITY;
        double most = 0;
        for (int k = (int) Math.max(0, Math.floor(bottomX - 1)); k < Math.min(LEVELS, Math.ceil(topX + 1)); k++) {
            double stored = usual[k + 1] - usual[k];
            if (Double.isNaN(stored) || !(stored > 0)) {
                continue;
            }
            least = Math.min(least, LEVELS * stored);
            most = Math.max(most, LEVELS * stored);
        }
        return most > 0 ? new double[] {least, most} : null;
    }

    /**
     * The first reading an estimate of the running charge reads, s: the charge's first row, or the end of the
     * discharge before it where the rest between was drained ({@link #drainedBefore}).
     */
    public double estimateFromTestTimeS() {
        return Double.isNaN(drainedFromS) ? startS : drainedFromS;
    }

    /**
     * The slope fraction a charge-slope estimate ({@link LeakEstimate#ofChargeSlope}) should read: the
     * recent window's ({@code windowFraction}, the dV/dQ over a tenth of a charge against the usual
     * charge's mean {@code usualSlopeVPerAh}), unless the latest row fell from the one before by more
     * than a cycler's noise ({@link LeakEstimate#UNMISTAKABLE_FALL_V}) and by more than the usual charge
     * climbs over the charge passed between them: the cell is being drained now, faster than it is
     * charged, at a rate a window of a tenth of a charge (much of it from before) has not caught up with
     * (a window reading −0.03 of the usual slope while the latest row fell 1.4 V gave a hard short's leak
     * as the charge current, 10x low). Then the latest step's own fraction (under −1) is what the
     * readings say.
     */
    public double slopeFractionNow(double windowFraction, double usualSlopeVPerAh) {
        double fallen = drainedFraction(latestFallV, latestFallAh, usualSlopeVPerAh);
        return Double.isNaN(fallen) ? windowFraction : Math.min(windowFraction, fallen);
    }

    /**
     * The slope fraction of a stretch of a charge whose voltage fell {@code fallV} while {@code passedAh} went in:
     * −fall over what the usual charge ({@code usualSlopeVPerAh}) climbs over that charge, where the fall is more
     * than a cycler's noise ({@link LeakEstimate#UNMISTAKABLE_FALL_V}) and more than that climb (the cell is being
     * drained: under −1); NaN otherwise.
     */
    public static double drainedFraction(double fallV, double passedAh, double usualSlopeVPerAh) {
        double usualClimbV = passedAh * usualSlopeVPerAh;
        if (!(fallV > LeakEstimate.UNMISTAKABLE_FALL_V) || !(usualClimbV > 0) || fallV <= usualClimbV) {
            return Double.NaN;
        }
        return -fallV / usualClimbV;
    }

    private static double[] unreached() {
        double[] steps = new double[LEVELS + 1];
        Arrays.fill(steps, Double.NaN);
        return steps;
    }

    private static float[] unreachedShares() {
        float[] steps = new float[LEVELS + 1];
        Arrays.fill(steps, Float.NaN);
        return steps;
    }
}
