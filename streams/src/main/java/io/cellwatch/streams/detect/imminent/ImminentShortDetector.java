package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.Units;
import io.cellwatch.streams.detect.VoltageDirection;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imminent short, raised live inside a charge step: the charge has passed the channel's usual
 * charge capacity while the voltage is still near where it started, climbing with a collapsed
 * dV/dQ, at an undiminished current.
 *
 * <p>The charge judged is the step that charges the cell (raises |V|, {@link VoltageDirection}),
 * whatever the cycler calls it.
 *
 * <p>Why: a healthy cell that has taken its usual charge is at its voltage limit (or tapering in
 * constant voltage). A cell with a growing dendrite short feeds most of the applied current into the
 * short, so its state of charge, and with it the voltage, barely moves: the charge never ends (seed
 * 004: the Li-In cell at cycle 897, lower dV/dt, until the cycler's time limit). Judging only once
 * the usual capacity has passed keeps slow diagnostic charges and flat LFP plateaus out (they have
 * climbed most of their usual rise by then); requiring the collapse of both the overall rise and the
 * recent dV/dQ keeps out the milder leaks of the cycles before, which the capacity-divergence
 * detector reports. The alarm is critical: the cell should be stopped now.
 *
 * <p>A charge slower than every recent one (a C/20 diagnostic) is bounded by the capacity the lab
 * declared ({@link RecentCharges}): a leak as large as its whole current pins or drains the cell under it.
 *
 * <p>At the voltage limit a charge in constant voltage is judged by its current instead ({@link
 * FloatCurrent}): one that stopped falling long after a healthy phase would have reached its cut-off is
 * the leak itself.
 */
public final class ImminentShortDetector extends ProfiledDetector<ImminentShortState>
        implements SampleDetector<ImminentShortState> {

    public static final String NAME = "imminent-short";
    private static final AlertKind KIND = AlertKind.IMMINENT_SHORT;

    /** Longer gaps between rows are pauses (the cumulative counter tells what passed), not logging intervals. */
    private static final double MAX_ROW_INTERVAL_S = 3600;

    public ImminentShortDetector(ProfileSelector profiles) {
        super(NAME, ImminentShortState.class, ImminentShortState::new, FULL_AND_HALF, profiles);
    }

    @Override
    public List<Alert> onSample(ImminentShortState state, Sample raw, ChannelInfo channel, ReadingSink readings) {
        double dtS = state.clock.advance(raw);
        if (dtS < 0) {
            return List.of();
        }
        // The charge is the step that charges the cell, whatever the cycler calls it (either electrode order).
        state.direction.accept(raw);
        Sample sample = state.direction.oriented(raw);
        ImminentShortSettings settings = profiles.forChannel(channel).imminentShort();
        List<Alert> out = List.of();
        if (!state.started || sample.cycleIndex() != state.cycleIndex) {
            if (state.started) {
                state.gap.closeCycle(learnFromCharge(state, settings));
                out = closeCycle(state, sample, settings, readings);
            }
            openCycle(state, sample);
        }
        // The count before this row: where a charge begins on this row, the charge the cycler counted up to
        // the row (its counter, or the current over the interval) passed after the step began.
        double beforeRowAh = state.counter.chargeAh;
        state.counter.add(sample, dtS);
        boolean underCurrent = sample.stepType() == StepType.CHARGE && sample.currentA() > 0
                || sample.stepType() == StepType.DISCHARGE && sample.currentA() < 0;
        state.gap.row(sample.voltageV(), underCurrent ? sample.currentA() : 0, dtS, MAX_ROW_INTERVAL_S);
        state.voltageSign.row(raw.voltageV(), sample.cycleIndex());
        if (sample.stepType() != StepType.CHARGE || sample.currentA() <= 0) {
            state.currentStoppedSinceChargeRow = true;
            state.charging = false;
            state.scatter.newStep();
            if (sample.stepType() == StepType.DISCHARGE && sample.currentA() < 0) {
                state.rest.discharging(sample.voltageV(), sample.testTimeS());
            } else {
                state.rest.resting(sample.voltageV(), sample.testTimeS());
            }
            return out;
        }
        if (!state.chargeStarted) {
            state.chargeStarted = true;
            // What the steps lowering |V| took out since the last charge: what this charge puts back.
            state.emptiedAh = state.counter.dischargeAh - state.dischargedAtLastChargeAh;
            state.chargeStartV = sample.voltageV();
            // Counted from the step's start, not from its first row: with rows minutes apart the first row
            // falls anywhere in the first interval, and a usual charge counted from it would shrink or grow
            // by up to a row's worth of charge with the rows' phase (a third of a fast charge at 5 min rows).
            state.chargeStartAh = beforeRowAh;
            state.chargeCurrentA = sample.currentA();
            state.chargeTemperatureC = sample.temperatureC() == null ? Double.NaN : sample.temperatureC();
            state.rowChargeAh = 0;
            state.maxChargeV = sample.voltageV();
            state.windowStartV = sample.voltageV();
            state.windowStartAh = state.counter.chargeAh;
            state.recentSlopeVPerAh = Double.NaN;
            state.windowStartTestTimeS = sample.testTimeS();
            state.slopeFromTestTimeS = Double.NaN;
            state.slopeFromV = Double.NaN;
            state.latestChargeRowTestTimeS = Double.NaN;
            state.descent.restart();
            state.floatCurrent.newCharge(settings.floatCurrent());
            // Before drainedSince, which ends the rest; and only once the channel's steps have said which way charges
            // (before, a step lowering |V| may be taken for the charge).
            state.restedAtV = state.direction.positiveCurrentCharges() == null ? Double.NaN : state.rest.restedAtV();
            state.curve.start(sample.voltageV(), sample.testTimeS(), state.usual.expectedRiseV());
            state.curve.drainedBefore(state.rest.drainedSince(sample.testTimeS()), state.rest.voltSecondsBefore());
        }
        if (!state.charging || sample.stepIndex() != state.chargeStep) {
            // A new charge step (CC after a pause, CC to CV, a multi-step fast charge): its own current.
            state.charging = true;
            state.chargeStep = sample.stepIndex();
            state.stepStartCurrentA = sample.currentA();
            state.scatter.newStep();
        }
        state.scatter.row(sample.voltageV());
        state.dischargedAtLastChargeAh = state.counter.dischargeAh;
        state.maxChargeV = Math.max(state.maxChargeV, sample.voltageV());
        state.curve.row(sample.voltageV(), sample.testTimeS(), state.counter.chargeAh - state.chargeStartAh);
        state.previousChargeRowTestTimeS = state.latestChargeRowTestTimeS;
        state.latestChargeRowTestTimeS = sample.testTimeS();
        // A fall since the last charge row through rows at no charge current (a step held at 0 A, a rest, a DCIR
        // pulse) or through a pause without rows came with no charge current known: it bounds no leak over it.
        state.descent.row(
                sample.voltageV(), sample.testTimeS(), dtS > MAX_ROW_INTERVAL_S || state.currentStoppedSinceChargeRow);
        state.currentStoppedSinceChargeRow = false;
        if (state.restedAtV - sample.voltageV() > LeakEstimate.UNMISTAKABLE_FALL_V) {
            state.descent.markUnder(sample.testTimeS());
        }
        if (dtS <= MAX_ROW_INTERVAL_S) {
            state.rowChargeAh = Math.max(state.rowChargeAh, sample.currentA() * dtS / 3600);
        }
        List<Alert> judged = judge(state, sample, channel.nominalCapacityAh(), settings, readings);
        boolean floating = state.floatCurrent.row(
                sample.testTimeS(),
                sample.currentA(),
                sample.voltageV(),
                state.maxChargeV,
                state.chargeCurrentA,
                sample.temperatureC(),
                settings.heldCurrentFraction(),
                settings.temperatureBandK(),
                settings.floatCurrent());
        if (judged.isEmpty() && floating && !state.firedThisCycle) {
            judged = fireFloat(state, sample, settings.floatCurrent(), readings);
        }
        if (judged.isEmpty() && !state.firedThisCycle && drainedUnderCharge(state, sample, settings)) {
            judged = fireDrained(state, sample, readings);
        }
        if (judged.isEmpty()) {
            return out;
        }
        List<Alert> all = new ArrayList<>(out);
        all.addAll(judged);
        return all;
    }

    private static void openCycle(ImminentShortState state, Sample sample) {
        state.started = true;
        state.cycleIndex = sample.cycleIndex();
        state.counter.newCycle();
        state.charging = false;
        state.chargeStarted = false;
        state.firedThisCycle = false;
        state.drainValuePending = false;
    }

    private List<Alert> judge(
            ImminentShortState state,
            Sample sample,
            Double nominalAh,
            ImminentShortSettings settings,
            ReadingSink readings) {
        UsualCharge usual = state.usual;
        boolean usualApplies = usual.comparable(state.chargeCurrentA, state.chargeTemperatureC, settings);
        RecentCharges.Reference bound =
                state.recent.bound(state.usual, usualApplies, state.chargeCurrentA, nominalAh, settings);
        if (bound == null) {
            // Nothing learnt yet, or only faster charges and no declared capacity: nothing to compare with.
            return List.of();
        }
        // The recent dV/dQ over a tenth of the usual charge (of the bound where no usual applies).
        double windowAh = state.counter.chargeAh - state.windowStartAh;
        double windowSizeAh = settings.slopeWindowFraction() * (usualApplies ? usual.chargeAh : bound.chargeAh());
        if (windowAh >= windowSizeAh) {
            state.recentSlopeVPerAh = (sample.voltageV() - state.windowStartV) / windowAh;
            state.slopeFromTestTimeS = state.windowStartTestTimeS;
            state.slopeFromV = state.windowStartV;
            state.windowStartV = sample.voltageV();
            state.windowStartAh = state.counter.chargeAh;
            state.windowStartTestTimeS = sample.testTimeS();
        }
        boolean currentHeld = sample.currentA() >= settings.heldCurrentFraction() * state.stepStartCurrentA;
        // A drain fired this cycle with only a bound: the charge is still read, for the value an overrun gives.
        boolean judging = !state.firedThisCycle || state.drainValuePending;
        if (!judging || !currentHeld || Double.isNaN(state.recentSlopeVPerAh)) {
            return List.of();
        }
        double passedAh = state.counter.chargeAh - state.chargeStartAh;
        // A charge puts back what the cell gave since the last one: after a deeper emptying than the charges
        // compared with (a slow diagnostic discharge reaches capacity the usual rate leaves in the cell), a
        // healthy charge runs as far past them before its voltage climbs.
        if (usualApplies && passedAh >= settings.overrunFraction() * Math.max(usual.chargeAh, state.emptiedAh)) {
            // Past the usual charge: stuck near where it started, with a collapsed dV/dQ.
            ImminentShortOverrun overrun =
                    ImminentShortOverrun.measured(state, sample, passedAh, usual.reference(), false);
            if (overrun.riseFraction() < settings.maxRiseFraction()
                    && overrun.slopeFraction() < settings.maxSlopeFraction()) {
                return fire(state, sample, settings, readings, overrun, true, windowSizeAh);
            }
        }
        if (passedAh >= settings.deepOverrunFraction() * Math.max(bound.chargeAh(), state.emptiedAh)) {
            // Far past the most the cell takes: less than half of the current is being stored.
            ImminentShortOverrun overrun = ImminentShortOverrun.measured(state, sample, passedAh, bound, true);
            if (overrun.slopeFraction() < settings.deepSlopeFraction()) {
                return fire(state, sample, settings, readings, overrun, usualApplies, windowSizeAh);
            }
        }
        return List.of();
    }

    private List<Alert> fire(
            ImminentShortState state,
            Sample sample,
            ImminentShortSettings settings,
            ReadingSink readings,
            ImminentShortOverrun overrun,
            boolean usualApplies,
            double slopeWindowAh) {
        boolean update = state.drainValuePending && state.episode.firing();
        state.firedThisCycle = true;
        state.drainValuePending = false;
        readings.report(sample.channelId(), HealthReading.IMMINENT_SHORT, 1);
        Map<String, Double> evidence = overrun.evidence(state, sample, settings);
        String said = OverrunLeak.addTo(evidence, state, sample, overrun, usualApplies, slopeWindowAh);
        String message = overrun.message(sample, said);
        if (update) {
            // The drain that fired first gave only a bound on the leak; the overrun of the same charge says what the
            // readings give of it, once, as an update of the same episode (as a hard short fired at rest does).
            return List.of(Episode.Evidence.of(sample)
                    .alert(
                            state.episode.alertId(),
                            KIND,
                            Severity.CRITICAL,
                            AlertStatus.FIRING,
                            message.replaceFirst("^Imminent short:", "Imminent short (update):"),
                            evidence));
        }
        return state.episode.fire(KIND, Severity.CRITICAL, Episode.Evidence.of(sample), message, evidence);
    }

    /**
     * The constant-voltage current stopped falling ({@link FloatCurrent}): what the cell can still take of it
     * is at most what a 1/√t decay would have shed over the last window, the rest goes into the short.
     */
    private static List<Alert> fireFloat(
            ImminentShortState state, Sample sample, FloatCurrentSettings settings, ReadingSink readings) {
        state.firedThisCycle = true;
        readings.report(sample.channelId(), HealthReading.IMMINENT_SHORT, 1);
        FloatCurrent floating = state.floatCurrent;
        double currentA = sample.currentA();
        double ownAtMostA = Math.min(currentA, floating.ownCurrentAtMostA(settings));
        double readingSigmaV = state.scatter.sigmaV();
        // Anywhere from none of the cell's own current left to all that a 1/√t decay could still hold, or the
        // percent a cycler's current reading is good to, whichever is wider.
        LeakEstimate leak = LeakEstimate.of(
                currentA - ownAtMostA / 2,
                Math.max(ownAtMostA / 2, settings.flatFall() / 2 * currentA),
                currentA,
                sample.voltageV(),
                Double.isNaN(readingSigmaV) ? 0 : readingSigmaV,
                LeakEstimate.Basis.FLOAT_CURRENT);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("floatCurrentA", currentA);
        evidence.put("chargeCurrentA", state.chargeCurrentA);
        evidence.put("lastCutOffCurrentA", floating.lastEndA);
        evidence.put("constantVoltageS", sample.testTimeS() - floating.startS);
        evidence.put("voltageV", sample.voltageV());
        // The current of the latest window's readings: the short as it stood over them.
        evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, floating.lastWindowStartS);
        leak.addTo(evidence);
        String message = String.format(
                Locale.ROOT,
                "Imminent short: at the charge's voltage limit (%.3f V) the current stopped falling at %s (%.0f %% of"
                        + " the %s charge current) after %.0f min, where the last constant-voltage phase ended at %s:"
                        + " a cell takes current at constant voltage only while what it stores raises it, so this"
                        + " current goes into a short; %s",
                sample.voltageV(),
                LeakEstimate.current(currentA),
                100 * currentA / state.chargeCurrentA,
                LeakEstimate.current(state.chargeCurrentA),
                (sample.testTimeS() - floating.startS) / 60,
                LeakEstimate.current(floating.lastEndA),
                leak.describe());
        return state.episode.fire(KIND, Severity.CRITICAL, Episode.Evidence.of(sample), message, evidence);
    }

    /**
     * Whether the charge's voltage, at its step's undiminished current, has fallen under where the cell rested
     * after its discharge, over rows each lower than the one before ({@link ImminentShortSettings#defaults}).
     */
    private static boolean drainedUnderCharge(ImminentShortState state, Sample sample, ImminentShortSettings settings) {
        double v = sample.voltageV();
        ChargeDescent descent = state.descent;
        return !state.voltageSign.changedLately(sample.cycleIndex())
                && sample.currentA() >= settings.heldCurrentFraction() * state.stepStartCurrentA
                && state.restedAtV - v > LeakEstimate.UNMISTAKABLE_FALL_V
                && descent.rowsFalling >= settings.drainFallingRows()
                && descent.fromV - v > LeakEstimate.UNMISTAKABLE_FALL_V;
    }

    /**
     * The cell loses charge while the cycler gives it: the short takes more than the charge current, by how much
     * the readings do not say (the cell drains into it at an electromotive force they do not give), so the leak
     * is a bound, over I, and R one under V/I.
     */
    private static List<Alert> fireDrained(ImminentShortState state, Sample sample, ReadingSink readings) {
        state.firedThisCycle = true;
        state.drainValuePending = true;
        readings.report(sample.channelId(), HealthReading.IMMINENT_SHORT, 1);
        ChargeDescent descent = state.descent;
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("voltageV", sample.voltageV());
        evidence.put("currentA", sample.currentA());
        evidence.put("restedAtV", state.restedAtV);
        evidence.put("fallingFromV", descent.fromV);
        evidence.put("rowsFalling", (double) descent.rowsFalling);
        String leak;
        if (descent.throughPause) {
            // Part of the fall came in a pause with no rows, when the cycler may have passed no current at all: the
            // cell was drained, by what current nothing here says (a 200 Ω short drains a cell in a night's pause).
            evidence.put("fellThroughPause", 1.0);
            leak =
                    "leak and short unresolved (part of the fall came in a pause in the logging or at no current, with none"
                            + " to read them against)";
        } else {
            // What it reads holds where the voltage is under the rest: from the fall's first row there. Rows of the
            // fall above it (a constant-voltage float sinking by its noise before the short struck) say nothing of
            // a leak, and a window reaching back over them would state the bound for a time the short was not yet.
            evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, descent.firstUnderTestTimeS);
            leak = LeakEstimate.addBound(
                    evidence, sample.currentA(), sample.voltageV(), true, LeakEstimate.Basis.DRAINED_UNDER_CHARGE);
        }
        String message = String.format(
                Locale.ROOT,
                "Imminent short: under %s of charge current the voltage has fallen to %.3f V, %.0f mV below the %.3f V"
                        + " the cell rested at after its discharge, lower at each of %d readings (from %.3f V): a"
                        + " charging cell sits above its open-circuit voltage, which only climbs as it stores charge, so"
                        + " a path inside it is draining it; %s",
                LeakEstimate.current(sample.currentA()),
                sample.voltageV(),
                1000 * (state.restedAtV - sample.voltageV()),
                state.restedAtV,
                descent.rowsFalling,
                descent.fromV,
                leak);
        return state.episode.fire(KIND, Severity.CRITICAL, Episode.Evidence.of(sample), message, evidence);
    }

    /**
     * The open cycle ended: learn from its charge if it was a normal one; true when it was learnt as the usual
     * charge.
     */
    private static boolean learnFromCharge(ImminentShortState state, ImminentShortSettings settings) {
        if (!state.chargeStarted) {
            return false;
        }
        state.chargesSeen++;
        // The first charge may have been joined half way: not a usual charge.
        if (state.firedThisCycle || state.chargesSeen <= 1) {
            return false;
        }
        double chargeAh = state.counter.chargeAh - state.chargeStartAh;
        double riseV = state.maxChargeV - state.chargeStartV;
        UsualCharge.Charge charge = new UsualCharge.Charge(
                chargeAh, riseV, state.chargeCurrentA, state.chargeTemperatureC, state.rowChargeAh);
        boolean usual = state.usual.learn(charge, settings);
        if (usual) {
            state.curve.learn(chargeAh);
        }
        state.recent.addIfFull(charge, state.usual, settings);
        return usual;
    }

    /** The open cycle ended (its charge learnt from): count towards resolution. */
    private List<Alert> closeCycle(
            ImminentShortState state, Sample next, ImminentShortSettings settings, ReadingSink readings) {
        if (!state.chargeStarted || state.firedThisCycle) {
            return List.of();
        }
        double chargeAh = state.counter.chargeAh - state.chargeStartAh;
        if (!state.episode.firing()) {
            readings.report(next.channelId(), HealthReading.IMMINENT_SHORT, 0);
            return List.of();
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeAh", chargeAh);
        evidence.put("usualChargeAh", state.usual.chargeAh);
        List<Alert> resolved = state.episode.quiet(
                KIND,
                settings.resolveAfterCharges(),
                new Episode.Evidence(next.channelId(), state.cycleIndex, next.testTimeS(), next.wallTimeMs()),
                String.format(
                        Locale.ROOT,
                        "Charges ending normally again (%s, usual %s) for %d cycles",
                        Units.capacity(chargeAh),
                        Units.capacity(state.usual.chargeAh),
                        settings.resolveAfterCharges()),
                evidence);
        if (!resolved.isEmpty()) {
            readings.report(next.channelId(), HealthReading.IMMINENT_SHORT, 0);
        }
        return resolved;
    }
}
