package io.cellwatch.streams.detect.softshort;

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
import io.cellwatch.streams.detect.leak.CycleLeak;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.profile.DetectorProfile;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Soft short by capacity divergence: charge capacity rising above the channel's own baseline while
 * discharge capacity falls below it, for consecutive cycles.
 *
 * <p>Why this signature: an internal short leaks current. While charging, part of the applied
 * current feeds the leak, so the cycler must push more charge to reach the voltage limit; while
 * discharging, the leak drains the cell alongside the load, so less comes out. Seed 004's Li-In
 * cell showed exactly this from cycle 891 until it charged endlessly at 897. A healthy cell fades
 * with both capacities moving together, and protocol-made cycles (diagnostic, reset, HPPC, partial)
 * move both capacities the same way or last one cycle, so requiring both directions against the
 * baseline for consecutive cycles keeps healthy channels quiet. Protocol-made cycles are set aside
 * by the channel's {@link CapacityReference} and never enter the baseline.
 *
 * <p>"Charge" is the step that charges the cell (the higher mean |V|), whatever the cycler calls
 * it: a half cell written from the other electrode has its leak taking charge from the cycler's
 * discharge. The evidence says which ({@code cyclerChargeRaisesVoltage}).
 */
public final class CapacityDivergenceDetector extends ProfiledDetector<CapacityDivergenceState>
        implements CycleDetector<CapacityDivergenceState> {

    public static final String NAME = "soft-short-capacity-divergence";
    private static final AlertKind KIND = AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE;

    /** The same thresholds for every channel (protocol-cycle rules from the standard profile). */
    public CapacityDivergenceDetector(CapacityDivergenceSettings settings) {
        this(ProfileSelector.fixed(DetectorProfile.liIon().withCapacityDivergence(settings)));
    }

    /** Thresholds from each channel's profile. */
    public CapacityDivergenceDetector(ProfileSelector profiles) {
        // Symmetric cells pass equal charge both ways by protocol: there is nothing to diverge.
        super(NAME, CapacityDivergenceState.class, CapacityDivergenceState::new, FULL_AND_HALF, profiles);
    }

    @Override
    public List<Alert> onCycle(
            CapacityDivergenceState state, CycleSummary cycle, ChannelInfo channel, ReadingSink readings) {
        if (!cycle.complete() || (cycle.chargeAh() <= 0 && cycle.dischargeAh() <= 0)) {
            return List.of();
        }
        // In the cell's own orientation: "charge" is the step that raises |V|, whatever the cycler calls it.
        CycleLeak.Oriented o = state.orientation.orient(cycle);
        state.cyclesSeen++;
        if (state.cyclesSeen == 1) {
            // Monitoring may have joined mid-cycle: the first cycle is not a fair baseline.
            return List.of();
        }
        DetectorProfile profile = profiles.forChannel(channel);
        CapacityDivergenceSettings settings = profile.capacityDivergence();
        CapacityReference.Settings protocol = profile.protocolCycles();
        boolean wasEstablished = state.reference.established();
        switch (state.reference.classify(o.upAh(), o.downAh(), protocol)) {
            case LEARNING -> {
                if (state.reference.established() && !wasEstablished) {
                    for (double[] first : state.reference.takeFirstCycles(protocol)) {
                        learn(state, first[0], first[1], settings);
                    }
                }
                return List.of();
            }
            case PROTOCOL -> {
                return List.of(); // a diagnostic, reset, HPPC or partial cycle: not comparable
            }
            case RELEARNED -> {
                // The protocol changed for good (another rate): start the baseline again from here.
                state.chargeBaseline.reset();
                state.dischargeBaseline.reset();
                state.balanceBaseline.reset();
                state.hasPreviousLeak = false;
                state.divergentRun = 0;
                learn(state, o.upAh(), o.downAh(), settings);
                return List.of();
            }
            case ORDINARY -> {
                // judged below
            }
        }
        Ewma charge = state.chargeBaseline;
        Ewma discharge = state.dischargeBaseline;
        if (charge.count() < settings.baselineCycles()) {
            learn(state, o.upAh(), o.downAh(), settings);
            return List.of();
        }

        double chargeTolerance = tolerance(charge, settings);
        double dischargeTolerance = tolerance(discharge, settings);
        double chargeRise = (o.upAh() - charge.mean()) / charge.mean();
        double dischargeFall = (discharge.mean() - o.downAh()) / discharge.mean();
        boolean divergent = chargeRise > chargeTolerance && dischargeFall > dischargeTolerance;
        // Score 1 when both capacities sit exactly at their thresholds; the weaker side decides.
        double score = Math.max(0, Math.min(chargeRise / chargeTolerance, dischargeFall / dischargeTolerance));
        readings.report(cycle.channelId(), HealthReading.SOFT_SHORT_SCORE, score);
        Episode.Evidence at = Episode.Evidence.of(cycle);
        LeakEstimate leak = leakEstimate(state, cycle, o);

        if (!divergent) {
            state.divergentRun = 0;
            learn(state, o.upAh(), o.downAh(), settings);
            String message = String.format(
                    Locale.ROOT,
                    "Capacity divergence cleared: charge %s and discharge %s back within baseline for %d cycles",
                    Units.capacity(o.upAh()),
                    Units.capacity(o.downAh()),
                    settings.resolveAfterCycles());
            Map<String, Double> evidence =
                    evidence(state, cycle, o, chargeRise, dischargeFall, chargeTolerance, dischargeTolerance);
            return state.episode.quiet(KIND, settings.resolveAfterCycles(), at, message, evidence);
        }

        // A divergent cycle is evidence, not baseline: keep it out of the mean.
        state.divergentRun++;
        state.episode.signatureSeen();
        // One cycle far outside every benign change is enough: the cell may not live to show a second.
        boolean gross = chargeRise >= settings.grossChargeRise() && dischargeFall >= settings.grossDischargeFall();
        if (state.divergentRun < settings.persistenceCycles() && !gross) {
            return List.of();
        }
        Severity severity = isCritical(state, o, settings) ? Severity.CRITICAL : Severity.WARNING;
        String message = String.format(
                Locale.ROOT,
                "Soft short suspected: charge capacity %s (+%.1f %% over baseline %s) while discharge %s "
                        + "(-%.1f %% under baseline %s), %d cycles running; CE %s%s",
                Units.capacity(o.upAh()),
                100 * chargeRise,
                Units.capacity(charge.mean()),
                Units.capacity(o.downAh()),
                100 * dischargeFall,
                Units.capacity(discharge.mean()),
                state.divergentRun,
                Units.efficiency(cycle.coulombicEfficiency()),
                leak == null ? "" : "; " + leak.describe());
        Map<String, Double> evidence =
                evidence(state, cycle, o, chargeRise, dischargeFall, chargeTolerance, dischargeTolerance);
        if (leak != null) {
            leak.addTo(evidence);
        }
        return state.episode.fire(KIND, severity, at, message, evidence);
    }

    /**
     * The leak this cycle shows against the channel's usual balance ({@link CycleLeak}); remembers
     * the leaked charge for the next cycle's estimate.
     */
    private static LeakEstimate leakEstimate(
            CapacityDivergenceState state, CycleSummary cycle, CycleLeak.Oriented oriented) {
        if (state.balanceBaseline.count() == 0) {
            return null;
        }
        CycleLeak.HealthyRatio healthy = new CycleLeak.HealthyRatio(
                state.balanceBaseline.mean(), CycleLeak.MAD_TO_SIGMA * state.balanceBaseline.meanAbsDeviation());
        CycleLeak.Balance previous = state.hasPreviousLeak
                ? new CycleLeak.Balance(
                        state.previousLeakedAh, state.previousConductanceS, state.previousConductanceHighS)
                : CycleLeak.Balance.NONE;
        LeakEstimate estimate = CycleLeak.estimate(cycle, oriented, healthy, previous);
        CycleLeak.Balance shown = CycleLeak.balance(cycle, oriented, healthy, previous);
        state.previousLeakedAh = shown.leakedAh();
        state.previousConductanceS = shown.conductanceS();
        state.previousConductanceHighS = shown.conductanceHighS();
        state.hasPreviousLeak = true;
        return estimate;
    }

    private static boolean isCritical(
            CapacityDivergenceState state, CycleLeak.Oriented o, CapacityDivergenceSettings settings) {
        double efficiency = o.upAh() > 0 ? o.downAh() / o.upAh() : 0;
        return efficiency < settings.criticalEfficiency() || state.divergentRun >= settings.criticalPersistence();
    }

    private static double tolerance(Ewma baseline, CapacityDivergenceSettings settings) {
        double relativeDeviation = baseline.mean() > 0 ? baseline.meanAbsDeviation() / baseline.mean() : 0;
        return Math.max(settings.minRelativeChange(), settings.deviationMultiplier() * relativeDeviation);
    }

    private static void learn(
            CapacityDivergenceState state, double chargeAh, double dischargeAh, CapacityDivergenceSettings settings) {
        state.chargeBaseline.add(chargeAh, settings.baselineAlpha());
        state.dischargeBaseline.add(dischargeAh, settings.baselineAlpha());
        if (chargeAh > 0) {
            state.balanceBaseline.add(dischargeAh / chargeAh, settings.baselineAlpha());
        }
    }

    private static Map<String, Double> evidence(
            CapacityDivergenceState state,
            CycleSummary cycle,
            CycleLeak.Oriented o,
            double chargeRise,
            double dischargeFall,
            double chargeTolerance,
            double dischargeTolerance) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeAh", o.upAh());
        evidence.put("dischargeAh", o.downAh());
        evidence.put("baselineChargeAh", state.chargeBaseline.mean());
        evidence.put("baselineDischargeAh", state.dischargeBaseline.mean());
        evidence.put("chargeRiseFraction", chargeRise);
        evidence.put("dischargeFallFraction", dischargeFall);
        evidence.put("chargeThresholdFraction", chargeTolerance);
        evidence.put("dischargeThresholdFraction", dischargeTolerance);
        evidence.put("consecutiveCycles", (double) state.divergentRun);
        if (cycle.coulombicEfficiency() != null) {
            evidence.put("coulombicEfficiency", cycle.coulombicEfficiency());
        }
        evidence.put("cyclerChargeRaisesVoltage", o.chargeRaises() ? 1.0 : 0.0);
        return evidence;
    }
}
