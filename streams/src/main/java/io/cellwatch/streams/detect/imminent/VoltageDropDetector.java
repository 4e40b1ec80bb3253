package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.PausedInterval;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.VoltageDirection;
import io.cellwatch.streams.detect.leak.CycleLeak;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sudden voltage drops under constant charging current: a fall of tens of mV between two samples
 * of the same constant-current charge step.
 *
 * <p>The charge judged is the step that charges the cell (raises |V|, {@link VoltageDirection}),
 * whatever the cycler calls it; voltages are taken as |V|.
 *
 * <p>Why: while a constant current charges a cell its voltage only climbs. A dendrite touching the
 * other electrode shorts the cell for a moment, the voltage falls by tens of mV and partly recovers
 * as the filament burns out; repeated, it is a soft short forming. Only charge steps are judged: in
 * a discharge the voltage falls by itself, steeply at the end, and sparse logging makes that
 * indistinguishable from a drop. A step change, a current change (multi-step fast charge, CV taper)
 * or a pause between the two samples is not a drop: a cycler that holds a step (a calendar pause, an
 * operator's stop) logs no rows and stops its capacity counter while the cell relaxes, and the first
 * row after it reads lower than the last before with no current having flowed ({@link PausedInterval};
 * a 10 h hold left a cathode half cell 29 mV under its last row). The threshold also scales with the channel's
 * own jitter, so a noisy channel does not fire on its noise.
 *
 * <p>A contact resistance that rises for a while (a loose clip, a probe) raises the voltage of a
 * charge by I·ΔR and gives it back when it recovers: a fall under constant current too, but one that
 * only undoes a raise. The raise shows where it began: a charge's first jump from rest beyond the
 * cell's own resistance times the current (learnt from the jumps at charge starts), or a jump up
 * during the charge. A fall no deeper than the raise standing in the charge is the contact coming
 * back, not a drop. Blind: a filament drop smaller than a contact raise standing in the same charge;
 * a glitch that began in a discharge straight before the charge (no rest to measure the jump from).
 */
public final class VoltageDropDetector extends ProfiledDetector<VoltageDropState>
        implements SampleDetector<VoltageDropState> {

    public static final String NAME = "voltage-drop";
    private static final AlertKind KIND = AlertKind.VOLTAGE_DROP;

    /** Charge starts seen before the cell's resistance is trusted to tell a raised start from its own. */
    private static final int MIN_RESISTANCE_STARTS = 3;

    public VoltageDropDetector(ProfileSelector profiles) {
        super(NAME, VoltageDropState.class, VoltageDropState::new, FULL_AND_HALF, profiles);
    }

    @Override
    public List<Alert> onSample(VoltageDropState state, Sample sample, ChannelInfo channel, ReadingSink readings) {
        if (state.clock.advance(sample) < 0) {
            return List.of();
        }
        VoltageDropSettings settings = profiles.forChannel(channel).voltageDrop();
        List<Alert> out = List.of();
        if (!state.hasPrevious || sample.cycleIndex() != state.previousCycle) {
            out = newCycle(state, sample, settings);
        }
        // The step that charges the cell, whatever the cycler calls it; voltages as |V| (either electrode order).
        state.direction.accept(sample);
        boolean charge = state.direction.charging(sample) && sample.stepType() != StepType.REST;
        double absV = Math.abs(sample.voltageV());
        if (charge && !state.previousWasCharge) {
            state.raisedV = 0; // a new charge: nothing stands raised or dropped in it yet
            state.droppedV = 0;
            state.chargeStartV = absV;
        }
        if (charge && state.hasPrevious && state.previousWasRest && absV > state.previousVoltageV) {
            // A charge begins right after a rest: the jump is the cell's own resistance times the current. A jump
            // beyond what the resistance explains is a contact resistance standing raised (a glitch begun in the
            // rest): the voltage stands that much higher until the contact comes back.
            double jumpV = absV - state.previousVoltageV;
            state.raisedV = Math.max(0, jumpV - state.resistanceOhm.mean() * Math.abs(sample.currentA()));
            if (state.resistanceOhm.count() < MIN_RESISTANCE_STARTS
                    || state.raisedV <= resistanceTolerance(state, sample.currentA())) {
                state.raisedV = 0;
            }
            // A raised start is not the cell's resistance, unless the next start stands raised as well: a contact
            // that stays changed (a new fixture) becomes the usual.
            if (state.raisedV == 0 || state.previousStartRaised) {
                state.resistanceOhm.add(jumpV / Math.abs(sample.currentA()), 0.2);
            }
            state.previousStartRaised = state.raisedV > 0;
        }
        boolean sameConstantCurrentStep = state.hasPrevious
                && charge
                && state.previousWasCharge
                && sample.cycleIndex() == state.previousCycle
                && sample.stepIndex() == state.previousStep
                && Math.abs(sample.currentA() - state.previousCurrentA)
                        <= settings.steadyCurrentFraction() * Math.abs(state.previousCurrentA)
                && !PausedInterval.paused(
                        state.previousChargeAh,
                        state.previousDischargeAh,
                        state.previousCurrentA,
                        sample,
                        sample.testTimeS() - state.previousTestTimeS);
        if (sameConstantCurrentStep) {
            double stepV = absV - state.previousVoltageV;
            double threshold = Math.max(settings.minDropV(), settings.noiseMultiplier() * state.jitterV);
            // Beyond where the voltage was heading: the last step's climb continued, less (or plus) this step.
            double trendV = state.hasPreviousStep ? Math.max(0, state.previousStepV) : 0;
            double belowTrendV = trendV - stepV;
            if (stepV - trendV >= threshold && state.jitterCount >= 10) {
                // A jump up under constant current: first the voltage a filament's drop took coming back as it
                // burns out, beyond that a contact resistance rising (a filament only lowers the voltage).
                double recoveredV = Math.min(state.droppedV, stepV - trendV);
                state.droppedV -= recoveredV;
                state.raisedV += stepV - trendV - recoveredV;
            }
            if (-stepV >= threshold && state.jitterCount >= 10) {
                if (state.raisedV > 0 && belowTrendV <= state.raisedV + resistanceTolerance(state, sample.currentA())) {
                    // No further down than the raise standing in this charge: the contact coming back to its
                    // resistance, the voltage back where the cell's own resistance puts it. Not a filament.
                    state.raisedV = Math.max(0, state.raisedV - belowTrendV);
                } else {
                    if (state.droppedV <= 0) {
                        state.droppedFromTestTimeS = state.previousTestTimeS;
                    }
                    state.droppedV += belowTrendV;
                    state.dropsPerCycle[0]++;
                    out = concat(out, onDrop(state, sample, -stepV, belowTrendV, trendV, threshold, settings));
                }
            } else if (state.hasPreviousStep) {
                // Jitter: how much this step differs from the previous one (the trend cancels out).
                double jitter = Math.abs(stepV - state.previousStepV);
                state.jitterV += (state.jitterCount == 0 ? 1 : settings.noiseAlpha()) * (jitter - state.jitterV);
                state.jitterCount++;
            }
            state.previousStepV = stepV;
            state.hasPreviousStep = true;
        } else {
            state.hasPreviousStep = false;
        }
        state.hasPrevious = true;
        state.previousCycle = sample.cycleIndex();
        state.previousStep = sample.stepIndex();
        state.previousVoltageV = absV;
        state.previousTestTimeS = sample.testTimeS();
        state.previousChargeAh = sample.chargeCapacityAh();
        state.previousDischargeAh = sample.dischargeCapacityAh();
        state.previousCurrentA = sample.currentA();
        state.previousWasCharge = charge;
        state.previousWasRest = sample.stepType() == StepType.REST && sample.currentA() == 0;
        return out;
    }

    /**
     * How far a charge's starting jump may exceed the cell's resistance times the current, or a drop
     * exceed a raise, without meaning anything: three standard deviations of the jumps' own scatter
     * at this current, and three of the voltage's jitter.
     */
    private static double resistanceTolerance(VoltageDropState state, double currentA) {
        return 3
                * (CycleLeak.MAD_TO_SIGMA * state.resistanceOhm.meanAbsDeviation() * Math.abs(currentA)
                        + state.jitterV);
    }

    private List<Alert> onDrop(
            VoltageDropState state,
            Sample sample,
            double dropV,
            double belowTrendV,
            double trendV,
            double threshold,
            VoltageDropSettings settings) {
        int drops = Arrays.stream(state.dropsPerCycle).sum();
        state.quietCycles = 0;
        state.episode.signatureSeen();
        if (drops < settings.dropsToWarn()) {
            return List.of();
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("dropV", dropV);
        evidence.put("thresholdV", threshold);
        evidence.put("jitterV", state.jitterV);
        evidence.put("voltageV", sample.voltageV());
        evidence.put("currentA", sample.currentA());
        evidence.put("dropsInWindow", (double) drops);
        evidence.put("windowCycles", (double) settings.windowCycles());
        // The filament's current: the whole fall standing below the charge's trend, not this step's part.
        // A collapse (a fall under way at the reading before, or deeper than the voltage left): no estimate.
        double standingV = Math.max(belowTrendV, state.droppedV);
        boolean collapse =
                state.hasPreviousStep && -state.previousStepV >= threshold || standingV >= Math.abs(sample.voltageV());
        String estimate = collapse ? "" : FilamentCurrent.addTo(evidence, state, sample, standingV, trendV);
        String message = String.format(
                Locale.ROOT,
                "Sudden voltage drop of %.0f mV under constant charging current %.4g A (%d drops within %d cycles, "
                        + "threshold %.0f mV): a filament may be shorting the cell%s",
                1000 * dropV,
                sample.currentA(),
                drops,
                settings.windowCycles(),
                1000 * threshold,
                estimate.isEmpty() ? "" : "; during the drop " + estimate);
        return state.episode.fire(KIND, Severity.WARNING, Episode.Evidence.of(sample), message, evidence);
    }

    private static List<Alert> newCycle(VoltageDropState state, Sample sample, VoltageDropSettings settings) {
        List<Alert> out = List.of();
        if (state.dropsPerCycle.length > 0 && state.dropsPerCycle[0] == 0 && state.episode.firing()) {
            state.quietCycles++;
            out = state.episode.quiet(
                    KIND,
                    settings.resolveAfterCycles(),
                    Episode.Evidence.of(sample),
                    String.format(Locale.ROOT, "No voltage drop for %d cycles", settings.resolveAfterCycles()),
                    Map.of("cyclesWithoutDrop", (double) state.quietCycles));
        }
        int keep = Math.min(settings.windowCycles(), state.dropsPerCycle.length + 1);
        int[] shifted = new int[keep];
        System.arraycopy(state.dropsPerCycle, 0, shifted, 1, keep - 1);
        state.dropsPerCycle = shifted;
        return out;
    }

    private static List<Alert> concat(List<Alert> a, List<Alert> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<Alert> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
