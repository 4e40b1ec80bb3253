package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hard short in a full or cathode half cell, raised live: the cell takes charge current yet its
 * voltage sits far below the voltage its own discharges end at.
 *
 * <p>Why: charging raises a cell's voltage above its open-circuit voltage, and that is above where
 * a discharge ends under load. A cell under charge current at half its discharged voltage is being
 * drained faster than the cycler fills it: a path inside it passes more than the charge current,
 * and the voltage is pinned near I·R of that path (domain guide: a hard short). Judged on the step
 * that charges the cell ({@link io.cellwatch.streams.detect.VoltageDirection}), in either electrode
 * order.
 *
 * <p>At rest, too, when the short strikes in a discharge or a rest and no charge follows (the cell is dead
 * before the cycler charges it again): a cell at rest relaxes towards its open-circuit voltage, up after a
 * discharge, and never below where its discharges end; one whose voltage falls under half of that, reading
 * after reading, is being drained by a path inside it. A voltage lead coming off reads 0 V at once and then
 * scatters about it, which a run of readings each lower than the one before is not, so a rest is judged only
 * on such a descent ({@link FullCellHardShortSettings#restDescentSamples}).
 *
 * <p>Blind to: anode half cells against lithium (discharged at a few mV, a short looks the same) and a
 * short that leaves the cell above half its discharged voltage (the soft-short detectors' domain).
 */
public final class FullCellHardShortDetector extends ProfiledDetector<FullCellHardShortState>
        implements SampleDetector<FullCellHardShortState> {

    public static final String NAME = "full-cell-hard-short";
    private static final AlertKind KIND = AlertKind.HARD_SHORT;

    public FullCellHardShortDetector(ProfileSelector profiles) {
        super(NAME, FullCellHardShortState.class, FullCellHardShortState::new, FULL_AND_HALF, profiles);
    }

    @Override
    public List<Alert> onSample(FullCellHardShortState state, Sample raw, ChannelInfo channel, ReadingSink readings) {
        if (state.clock.advance(raw) < 0) {
            return List.of();
        }
        FullCellHardShortSettings settings = profiles.forChannel(channel).fullCellHardShort();
        state.direction.accept(raw);
        Sample sample = state.direction.oriented(raw);
        List<Alert> out = List.of();
        if (!state.started || sample.cycleIndex() != state.cycleIndex) {
            out = closeCycle(state, sample, settings);
        }
        double absV = sample.voltageV();
        double currentA = sample.currentA();
        boolean known = state.direction.positiveCurrentCharges() != null;
        boolean charging = known && currentA > 0 && sample.stepType() != StepType.REST;
        if (known && currentA < 0) {
            state.cycleLowestV = Double.isNaN(state.cycleLowestV) ? absV : Math.min(state.cycleLowestV, absV);
        }
        if (charging && state.previousWasRest && absV > state.previousAbsV) {
            state.resistanceOhm.add((absV - state.previousAbsV) / currentA, 0.2); // the jump at a charge start
        }
        state.previousAbsV = absV;
        state.previousWasRest = sample.stepType() == StepType.REST && currentA == 0;
        if (charging) {
            state.descent.row(absV, sample.testTimeS());
        } else {
            state.descent.restart();
        }

        boolean learnt = state.learntCycles >= settings.learnCycles() && state.dischargedV >= settings.minDischargedV();
        boolean resting = known && sample.stepType() == StepType.REST;
        if (learnt && resting) {
            return withRest(out, state, sample, settings);
        }
        state.restDescent = 0;
        boolean judging = charging && learnt;
        if (!judging) {
            return out;
        }
        double limitV = settings.pinnedFraction() * state.dischargedV;
        if (absV >= limitV) {
            state.pinnedRun = 0;
            state.pinnedV = Double.NaN;
            return out;
        }
        if (state.pinnedRun == 0) {
            state.pinnedFromTestTimeS = sample.testTimeS();
        }
        state.pinnedRun++;
        state.pinnedThisCycle = true;
        state.episode.signatureSeen();
        double previousPinnedV = state.pinnedV;
        state.pinnedV = absV;
        if (state.pinnedRun < settings.persistenceSamples()) {
            return out;
        }
        List<Alert> fired = fire(state, sample, previousPinnedV, limitV);
        return joined(out, fired);
    }

    /**
     * A rest sample: a run of readings under half the discharged voltage, each lower than the one before, fires
     * once it is {@link FullCellHardShortSettings#restDescentSamples} long.
     */
    private List<Alert> withRest(
            List<Alert> out, FullCellHardShortState state, Sample sample, FullCellHardShortSettings settings) {
        double absV = sample.voltageV();
        double limitV = settings.pinnedFraction() * state.dischargedV;
        boolean descending = absV < limitV && (state.restDescent == 0 || absV < state.restDescentV);
        if (descending && state.restDescent == 0) {
            state.restDescentFromV = absV;
        }
        state.restDescent = descending ? state.restDescent + 1 : 0;
        state.restDescentV = absV;
        if (!descending) {
            return out;
        }
        state.pinnedThisCycle = true; // a discharge the short ended does not teach the discharged voltage
        state.episode.signatureSeen();
        // Fallen by more than a reading's noise makes over the run: readings scattering about 0 V (a lead off)
        // fall three times running now and then, but by a few millivolts.
        if (state.restDescent < settings.restDescentSamples()
                || state.restDescentFromV - absV <= LeakEstimate.UNMISTAKABLE_FALL_V) {
            return out;
        }
        Map<String, Double> evidence = evidence(state, sample, limitV);
        evidence.put("samplesFalling", (double) state.restDescent);
        evidence.put("fallingFromV", state.restDescentFromV);
        String message = String.format(
                Locale.ROOT,
                "Hard short: at rest the cell's voltage has fallen to %.3f V, below half the %.3f V its discharges "
                        + "end at, lower at each of %d readings (from %.3f V): a resting cell relaxes towards its open-circuit "
                        + "voltage and does not fall under where its discharges end, so a path inside it is draining"
                        + " it (leak and short unresolved at rest: no applied current to read them against)",
                absV,
                state.dischargedV,
                state.restDescent,
                state.restDescentFromV);
        List<Alert> fired = state.episode.fire(KIND, Severity.CRITICAL, Episode.Evidence.of(sample), message, evidence);
        if (!fired.isEmpty()) {
            state.estimatePending = true; // a pinned charge after it can still read the leak
        }
        return joined(out, fired);
    }

    /** What closing the cycle said, then what this sample fired. */
    private static List<Alert> joined(List<Alert> out, List<Alert> fired) {
        if (out.isEmpty()) {
            return fired;
        }
        List<Alert> all = new ArrayList<>(out);
        all.addAll(fired);
        return all;
    }

    private List<Alert> fire(FullCellHardShortState state, Sample sample, double previousPinnedV, double limitV) {
        Map<String, Double> evidence = evidence(state, sample, limitV);
        String leak = addEstimate(state, sample, previousPinnedV, evidence);
        if (state.episode.firing() && state.estimatePending) {
            // Fired at rest, with nothing to read the leak against: the pinned charge after it says what its readings
            // say of the leak (a rising pin: nothing yet), once, as an update of the same episode, what it would have
            // said had it fired first.
            state.estimatePending = false;
            String update = String.format(
                    Locale.ROOT,
                    "Hard short (update): under %.4g A of charge current the cell sits at %.3f V, below half the %.3f V"
                            + " its discharges end at; %s",
                    sample.currentA(),
                    sample.voltageV(),
                    state.dischargedV,
                    leak);
            return List.of(Episode.Evidence.of(sample)
                    .alert(state.episode.alertId(), KIND, Severity.CRITICAL, AlertStatus.FIRING, update, evidence));
        }
        String message = String.format(
                Locale.ROOT,
                "Hard short: under %.4g A of charge current the cell sits at %.3f V, below half the %.3f V its "
                        + "discharges end at (%d samples running): a path inside holds it drained against the charge"
                        + " current; %s",
                sample.currentA(),
                sample.voltageV(),
                state.dischargedV,
                state.pinnedRun,
                leak);
        return state.episode.fire(KIND, Severity.CRITICAL, Episode.Evidence.of(sample), message, evidence);
    }

    private static Map<String, Double> evidence(FullCellHardShortState state, Sample sample, double limitV) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("voltageV", sample.voltageV());
        evidence.put("currentA", sample.currentA());
        evidence.put("dischargedVoltageV", state.dischargedV);
        evidence.put("thresholdV", limitV);
        evidence.put("samplesBelow", (double) state.pinnedRun);
        if (state.resistanceOhm.count() > 0) {
            evidence.put("cellResistanceOhm", state.resistanceOhm.mean());
        }
        return evidence;
    }

    /**
     * What the readings say of the short's current, into the evidence; returns the words for the message.
     * The cycler drives I; the cell's own path takes (V − E)/r, with r its resistance from the jumps at
     * charge starts and its electromotive force E unknown: anywhere from 0 (drained through the short) to
     * the discharged voltage (still discharging into it). While the pinned voltage does not rise, the short
     * takes between max(0, I − V/r) and I + (V_discharged − V)/r: a steady pin, where E has fallen to the
     * terminal voltage and the cell's own path carries nothing, takes I, which is the leak given, with that
     * range's standard deviation (uniform: width/√12) as its uncertainty (I with an uncertainty of I before
     * r is known). No resistance, and no bound on it: V/I of a pin still falling reads R up to 27× too high
     * (the cell drains into the short at an E the readings do not give), and a steady pin is also a collapsed
     * cell charging too slowly for a row to show beside a weaker short, which takes less than I (lab library
     * hard-short-full-cell seed 6: 0.60 of 1.125 mA, R 17.9 Ω against V/I 9.5 Ω); a pin held over a tenth of
     * the usual charge (slope near zero) gets its value from the imminent-short alert (basis 2). A pin falling
     * unmistakably (by more than a reading's noise makes) is a cell drained into the short: the leak is over
     * I, R under V/I. A rising pin gives nothing: a cell emptied through a slow short in a pause, charging up
     * from its collapse, stores part of I (the short takes less: taking I for it read a slow short's leak 10⁴×
     * too high), but a cell a hard short drained in a rest rises too while the short still takes more than I,
     * its electrode surface recovering as the drain slows (seeds 2, 7, 13, 14 and 16 of that template: the
     * upper bound I stated there was under the truth, by up to 5×).
     */
    private static String addEstimate(
            FullCellHardShortState state, Sample sample, double previousPinnedV, Map<String, Double> evidence) {
        double v = Math.abs(sample.voltageV());
        double i = Math.abs(sample.currentA());
        // What it reads is the pin, from its first sample on: not the whole cycle, much of which may have gone
        // before the short (the cycle's mean current is a third of the pin's then).
        evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, state.pinnedFromTestTimeS);
        if (v > previousPinnedV) {
            evidence.put("leakEstimateBasis", (double) LeakEstimate.Basis.PINNED_VOLTAGE.code());
            return "leak and short unresolved (the voltage still rises: no value until it holds)";
        }
        if (state.descent.fromV - v > LeakEstimate.UNMISTAKABLE_FALL_V) {
            // Still falling under charge current: the cell drains into the short beside the charge current, at an
            // electromotive force the readings do not give (several times the charge current while it falls),
            // so the leak is over I, by how much nothing here says: the bound alone, no value. Falling is judged
            // over the charging rows' descent, each lower than the one before, as at rest: a cycler logging a row
            // per few millivolts of change writes a collapse as steps under a cycler's noise (12 mV a row, the
            // pin 2.3 V below where the descent began, read as a steady pin: a leak of I ± 3.3 mA for a true 34 mA).
            return LeakEstimate.addBound(evidence, i, v, true, LeakEstimate.Basis.PINNED_VOLTAGE);
        }
        double r = state.resistanceOhm.mean();
        double uncertaintyA = i;
        if (state.resistanceOhm.count() > 0 && r > 0) {
            double low = Math.max(0, i - v / r);
            double high = i + Math.max(0, state.dischargedV - v) / r;
            uncertaintyA = (high - low) / Math.sqrt(12);
        }
        LeakEstimate leak = LeakEstimate.of(i, uncertaintyA, i, Double.NaN, 0, LeakEstimate.Basis.PINNED_VOLTAGE);
        leak.addTo(evidence);
        return String.format(Locale.ROOT, "%s, short unresolved until the pin holds", leak.describe());
    }

    /** A cycle ended: its discharges teach the cell's discharged voltage, unless the short was showing. */
    private static List<Alert> closeCycle(
            FullCellHardShortState state, Sample next, FullCellHardShortSettings settings) {
        List<Alert> out = List.of();
        boolean learnable = state.started && !Double.isNaN(state.cycleLowestV) && !state.pinnedThisCycle;
        // A discharge already below the limit (the short began in it) does not lower what "discharged" means.
        if (learnable
                && (state.learntCycles == 0 || state.cycleLowestV >= settings.pinnedFraction() * state.dischargedV)) {
            state.dischargedV =
                    state.learntCycles == 0 ? state.cycleLowestV : Math.min(state.dischargedV, state.cycleLowestV);
            state.learntCycles++;
        }
        if (state.started && state.episode.firing() && !state.pinnedThisCycle) {
            state.quietCycles++;
            out = state.episode.quiet(
                    KIND,
                    settings.resolveAfterCycles(),
                    Episode.Evidence.of(next),
                    String.format(
                            Locale.ROOT,
                            "Charges above half the discharged voltage again for %d cycles",
                            settings.resolveAfterCycles()),
                    Map.of("cyclesQuiet", (double) state.quietCycles));
        } else {
            state.quietCycles = 0;
        }
        state.started = true;
        state.cycleIndex = next.cycleIndex();
        state.cycleLowestV = Double.NaN;
        state.pinnedThisCycle = false;
        state.pinnedRun = 0;
        state.pinnedV = Double.NaN;
        state.restDescent = 0;
        return out;
    }
}
