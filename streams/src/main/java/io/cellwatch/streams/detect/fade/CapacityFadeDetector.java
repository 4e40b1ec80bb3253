package io.cellwatch.streams.detect.fade;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.Units;
import io.cellwatch.streams.detect.profile.DetectorProfile;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Capacity fade: retention against the first full cycles, fade per cycle and the cycles left to
 * 80 %, with a warning when the cell fades faster than its profile allows.
 *
 * <p>Retention is discharge capacity over the mean of the first {@link CapacityFadeSettings#referenceCycles()}
 * ordinary cycles seen. The fade rate is the slope of an exponentially weighted least-squares line
 * through retention against cycle index ({@link RetentionFit}), over cycles at one chamber
 * temperature and to one pair of voltage limits. Protocol-made cycles (diagnostic, reset, HPPC,
 * partial) are left out by the channel's {@link CapacityReference}, and so are cycles whose
 * discharge sits far off the reference (a slow diagnostic cycle that reaches deeper).
 */
public final class CapacityFadeDetector extends ProfiledDetector<CapacityFadeState>
        implements CycleDetector<CapacityFadeState> {

    public static final String NAME = "capacity-fade";
    private static final AlertKind KIND = AlertKind.CAPACITY_FADE;

    public CapacityFadeDetector(ProfileSelector profiles) {
        super(NAME, CapacityFadeState.class, CapacityFadeState::new, FULL_AND_HALF, profiles);
    }

    @Override
    public List<Alert> onCycle(CapacityFadeState state, CycleSummary cycle, ChannelInfo channel, ReadingSink readings) {
        List<Alert> alerts = judge(state, cycle, channel, readings);
        // Whatever the cycle was, the next cycle's first step followed its last.
        state.step.remember(cycle);
        return alerts;
    }

    private List<Alert> judge(CapacityFadeState state, CycleSummary cycle, ChannelInfo channel, ReadingSink readings) {
        if (!cycle.complete() || cycle.chargeAh() <= 0 || cycle.dischargeAh() <= 0) {
            return List.of();
        }
        state.cyclesSeen++;
        if (state.cyclesSeen == 1) {
            return List.of(); // monitoring may have joined mid-cycle
        }
        DetectorProfile profile = profiles.forChannel(channel);
        CapacityFadeSettings settings = profile.capacityFade();
        CapacityReference.Settings protocol = profile.protocolCycles();
        double[] shifts = shifts(state.reference, cycle);
        CapacityReference.Verdict verdict = state.reference.classify(cycle, protocol);
        state.reference.takeFirstCycles(protocol); // retention starts from ordinary cycles after it: not needed
        // Against what the cell held lately under this cycle's own conditions, whatever they are (a loss
        // after a rate change or a chamber step, or one whose conditions return without its capacity).
        List<Alert> levelLoss =
                SuddenLoss.judgeAgainstLevel(state, cycle, protocol, settings, fadeAllowed(state, settings));
        if (verdict != CapacityReference.Verdict.ORDINARY) {
            // Learning the usual cycle, a protocol-made cycle, or a new protocol whose capacities do not
            // compare with the old reference: retention against the first cycles would mean nothing.
            List<Alert> loss = verdict == CapacityReference.Verdict.LEARNING
                    ? List.of()
                    : SuddenLoss.judge(state, cycle, shifts, protocol, settings);
            if (verdict == CapacityReference.Verdict.RELEARNED) {
                // A new protocol: its conditions are new too.
                restart(state);
                state.step = new CapacityStep();
            }
            return loss.isEmpty() ? levelLoss : loss;
        }
        if (!levelLoss.isEmpty()) {
            return levelLoss;
        }
        state.step.learn(cycle, Math.max(Math.abs(shifts[0]), Math.abs(shifts[1])) <= protocol.learnBand());
        state.inventoryLoss.add(
                1 - Math.min(cycle.chargeAh(), cycle.dischargeAh()) / Math.max(cycle.chargeAh(), cycle.dischargeAh()),
                settings.alpha());
        double referenceAh = state.reference.dischargeAh();
        if (Math.abs(cycle.dischargeAh() / referenceAh - 1) > protocol.shiftFraction()) {
            return List.of();
        }
        if (!atFitConditions(state, cycle, settings, protocol)) {
            return List.of();
        }
        double retention =
                RetentionFit.retention(state, cycle.cycleIndex(), cycle.dischargeAh(), settings.referenceCycles());
        readings.report(cycle.channelId(), HealthReading.CAPACITY_RETENTION, retention);
        RetentionFit.fold(state, cycle.cycleIndex(), retention, settings.alpha());
        if (state.fitted < settings.minCycles()) {
            return List.of();
        }
        double fadePerCycle = -RetentionFit.slope(state);
        double fittedRetention = RetentionFit.fitted(state, cycle.cycleIndex());
        readings.report(cycle.channelId(), HealthReading.FADE_PER_CYCLE, fadePerCycle);
        double cyclesToEndOfLife = fadePerCycle > 0
                ? Math.max(0, (fittedRetention - settings.endOfLifeRetention()) / fadePerCycle)
                : Double.POSITIVE_INFINITY;
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("retention", retention);
        evidence.put("fittedRetention", fittedRetention);
        evidence.put("fadePerCycle", fadePerCycle);
        evidence.put("maxFadePerCycle", settings.maxFadePerCycle());
        if (Double.isFinite(cyclesToEndOfLife)) {
            evidence.put("cyclesToEndOfLife", cyclesToEndOfLife);
        }
        evidence.put("endOfLifeRetention", settings.endOfLifeRetention());
        evidence.put("referenceDischargeAh", state.referenceDischargeAh());
        evidence.put("dischargeAh", cycle.dischargeAh());
        Episode.Evidence at = Episode.Evidence.of(cycle);

        // Anode-free: the lithium lost each cycle is that share of the capacity the cell has now.
        double limit = settings.maxFadePerCycle()
                + (settings.inventoryLimited() ? state.inventoryLoss.mean() * Math.max(0, fittedRetention) : 0);
        evidence.put("fadeLimitPerCycle", limit);
        if (fadePerCycle > limit) {
            state.fastRun++;
            state.episode.signatureSeen();
            if (state.fastRun < settings.persistenceCycles()) {
                return List.of();
            }
            String message = String.format(
                    Locale.ROOT,
                    "Capacity fading %.2f %%/cycle (profile allows %.2f %%/cycle): retention %.1f %% of the first "
                            + "cycles (%s), %s to %.0f %%",
                    100 * fadePerCycle,
                    100 * limit,
                    100 * retention,
                    Units.capacity(state.referenceDischargeAh()),
                    Double.isFinite(cyclesToEndOfLife)
                            ? String.format(Locale.ROOT, "%.0f cycles", cyclesToEndOfLife)
                            : "no end",
                    100 * settings.endOfLifeRetention());
            return state.episode.fire(KIND, Severity.WARNING, at, message, evidence);
        }
        state.fastRun = 0;
        String message = String.format(
                Locale.ROOT,
                "Capacity fade back to %.3f %%/cycle (limit %.2f %%/cycle)",
                100 * fadePerCycle,
                100 * limit);
        return state.episode.quiet(KIND, settings.resolveAfterCycles(), at, message, evidence);
    }

    /**
     * The fade per cycle a healthy cell of this profile may show: the profile's limit, plus for a cell
     * without a lithium reservoir the coulombic loss it fades by on its own.
     */
    private static double fadeAllowed(CapacityFadeState state, CapacityFadeSettings settings) {
        return settings.maxFadePerCycle() + (settings.inventoryLimited() ? state.inventoryLoss.mean() : 0);
    }

    /** Both capacities' shifts against the usual ones before this cycle (NaN while learning). */
    private static double[] shifts(CapacityReference reference, CycleSummary cycle) {
        if (!reference.established()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {
            cycle.chargeAh() / reference.chargeAh() - 1, cycle.dischargeAh() / reference.dischargeAh() - 1
        };
    }

    /**
     * Whether the cycle ran under the conditions of the cycles in the fit: the chamber temperature and the
     * voltage limits its charge and discharge ended at. Capacity moves ~0.5–1 %/K, so a chamber step of
     * 10–25 K moves retention by as much as months of fade; a charge cut-off moved by 0.1 V moves it by what
     * the cell's OCV curve holds in that 0.1 V (~10 % on NCM near 4.2 V; 1–3 % on LFP, whose curve
     * climbs steeply above its plateau), and a lab does that to a running test (4.2 V to 4.1 V to spare
     * an ageing cell, or to 4.3 V to reach more). Either is the lab's doing, not the cell's, and a step of
     * ~10 % folded into a line fitted over few cycles reads as fade past the Li-ion limit for tens of
     * cycles; such cycles stay out of the fit. A limit counts as moved by the sudden-loss rule's own
     * margin ({@link CapacityFadeSettings#stepEndVoltageFraction()} of the voltage window: a step cut by
     * its limit ends within a logging interval of it). When the cell stays at the new conditions for as many cycles as make
     * a new protocol, retention starts again from there. A condition the cycle did not log is not compared.
     * The mean currents are not compared: a CC-CV charge's mean current falls as the cell's resistance grows
     * and its constant-voltage part lengthens, so it drifts with the ageing the fit is there to measure.
     */
    private static boolean atFitConditions(
            CapacityFadeState state,
            CycleSummary cycle,
            CapacityFadeSettings settings,
            CapacityReference.Settings protocol) {
        Double[] conditions = CapacityStep.conditions(cycle);
        Double temperature = conditions[ConditionLevel.TEMPERATURE_C];
        Double endOfCharge = conditions[ConditionLevel.END_OF_CHARGE_V];
        Double endOfDischarge = conditions[ConditionLevel.END_OF_DISCHARGE_V];
        double voltageMargin = state.fitEndOfChargeV.count() > 0 && state.fitEndOfDischargeV.count() > 0
                ? settings.stepEndVoltageFraction()
                        * Math.abs(state.fitEndOfChargeV.mean() - state.fitEndOfDischargeV.mean())
                : Double.POSITIVE_INFINITY;
        boolean moved = awayFrom(state.fitTemperatureC, temperature, settings.stepTemperatureK())
                || awayFrom(state.fitEndOfChargeV, endOfCharge, voltageMargin)
                || awayFrom(state.fitEndOfDischargeV, endOfDischarge, voltageMargin);
        if (moved) {
            if (++state.otherTemperatureRun < protocol.relearnAfter()) {
                return false;
            }
            restart(state);
        }
        state.otherTemperatureRun = 0;
        follow(state.fitTemperatureC, temperature, settings.alpha());
        follow(state.fitEndOfChargeV, endOfCharge, settings.alpha());
        follow(state.fitEndOfDischargeV, endOfDischarge, settings.alpha());
        return true;
    }

    /** Whether a logged condition sits farther than margin from what the fit's cycles ran at. */
    private static boolean awayFrom(Ewma fit, Double value, double margin) {
        return value != null && fit.count() > 0 && Math.abs(value - fit.mean()) > margin;
    }

    private static void follow(Ewma fit, Double value, double alpha) {
        if (value != null) {
            fit.add(value, alpha);
        }
    }

    private static void restart(CapacityFadeState state) {
        RetentionFit.restart(state);
        state.fitTemperatureC.reset();
        state.fitEndOfChargeV.reset();
        state.fitEndOfDischargeV.reset();
        state.otherTemperatureRun = 0;
        state.fastRun = 0;
    }
}
