package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.Units;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Soft short by capacity divergence: charge capacity rising above the channel's own baseline while
 * discharge capacity falls below it, for consecutive cycles.
 *
 * <p>Why this signature: an internal short leaks current. While charging, part of the applied
 * current feeds the leak, so the cycler must push more charge to reach the voltage limit; while
 * discharging, the leak drains the cell alongside the load, so less comes out. Seed 004's Li-In
 * cell showed exactly this from cycle 891 until it charged endlessly at 897. A healthy cell fades
 * with both capacities moving together, and protocol-made outliers (diagnostic, reset, partial
 * cycles) last one cycle, so requiring both directions against the baseline for consecutive cycles
 * keeps healthy channels quiet.
 */
public final class CapacityDivergenceDetector implements CycleDetector<CapacityDivergenceState> {

    public static final String NAME = "soft-short-capacity-divergence";

    private final CapacityDivergenceSettings settings;

    public CapacityDivergenceDetector(CapacityDivergenceSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<CapacityDivergenceState> stateType() {
        return CapacityDivergenceState.class;
    }

    @Override
    public CapacityDivergenceState newState(ChannelInfo channel) {
        return new CapacityDivergenceState();
    }

    @Override
    public boolean appliesTo(ChannelInfo channel) {
        // Symmetric cells pass equal charge both ways by protocol: there is nothing to diverge.
        return channel.cellType() != CellType.SYMMETRIC;
    }

    @Override
    public List<Alert> onCycle(CapacityDivergenceState state, CycleSummary cycle, ChannelInfo channel,
            ReadingSink readings) {
        if (!cycle.complete() || (cycle.chargeAh() <= 0 && cycle.dischargeAh() <= 0)) {
            return List.of();
        }
        state.cyclesSeen++;
        if (state.cyclesSeen == 1) {
            // Monitoring may have joined mid-cycle: the first cycle is not a fair baseline.
            return List.of();
        }
        Ewma charge = state.chargeBaseline;
        Ewma discharge = state.dischargeBaseline;
        if (charge.count() < settings.baselineCycles()) {
            learn(state, cycle);
            return List.of();
        }

        double chargeTolerance = tolerance(charge);
        double dischargeTolerance = tolerance(discharge);
        double chargeRise = (cycle.chargeAh() - charge.mean()) / charge.mean();
        double dischargeFall = (discharge.mean() - cycle.dischargeAh()) / discharge.mean();
        boolean divergent = chargeRise > chargeTolerance && dischargeFall > dischargeTolerance;
        // Score 1 when both capacities sit exactly at their thresholds; the weaker side decides.
        double score = Math.max(0, Math.min(chargeRise / chargeTolerance, dischargeFall / dischargeTolerance));
        readings.report(cycle.channelId(), HealthReading.SOFT_SHORT_SCORE, score);

        if (!divergent) {
            state.divergentRun = 0;
            state.normalRun++;
            learn(state, cycle);
            if (state.firing() && state.normalRun >= settings.resolveAfterCycles()) {
                Alert resolved = alert(state.activeAlertId, state.activeSeverity, AlertStatus.RESOLVED, cycle,
                        String.format(java.util.Locale.ROOT,
                                "Capacity divergence cleared: charge %s and discharge %s back within baseline for %d cycles",
                                Units.capacity(cycle.chargeAh()), Units.capacity(cycle.dischargeAh()), state.normalRun),
                        evidence(state, cycle, chargeRise, dischargeFall, chargeTolerance, dischargeTolerance));
                state.activeAlertId = null;
                state.activeSeverity = null;
                return List.of(resolved);
            }
            return List.of();
        }

        // A divergent cycle is evidence, not baseline: keep it out of the mean.
        state.divergentRun++;
        state.normalRun = 0;
        if (state.divergentRun < settings.persistenceCycles()) {
            return List.of();
        }
        Severity severity = isCritical(state, cycle) ? Severity.CRITICAL : Severity.WARNING;
        if (state.firing() && (state.activeSeverity == Severity.CRITICAL || severity == Severity.WARNING)) {
            return List.of(); // already said, at this severity or higher: no alert storm
        }
        if (!state.firing()) {
            state.activeAlertId = Alert.episodeId(cycle.channelId(), AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                    cycle.cycleIndex());
        }
        state.activeSeverity = severity;
        String message = String.format(java.util.Locale.ROOT,
                "Soft short suspected: charge capacity %s (+%.1f %% over baseline %s) while discharge %s "
                        + "(-%.1f %% under baseline %s), %d cycles running; CE %s",
                Units.capacity(cycle.chargeAh()), 100 * chargeRise, Units.capacity(charge.mean()),
                Units.capacity(cycle.dischargeAh()), 100 * dischargeFall, Units.capacity(discharge.mean()),
                state.divergentRun, Units.efficiency(cycle.coulombicEfficiency()));
        return List.of(alert(state.activeAlertId, severity, AlertStatus.FIRING, cycle, message,
                evidence(state, cycle, chargeRise, dischargeFall, chargeTolerance, dischargeTolerance)));
    }

    private boolean isCritical(CapacityDivergenceState state, CycleSummary cycle) {
        double efficiency = cycle.chargeAh() > 0 ? cycle.dischargeAh() / cycle.chargeAh() : 0;
        return efficiency < settings.criticalEfficiency() || state.divergentRun >= settings.criticalPersistence();
    }

    private double tolerance(Ewma baseline) {
        double relativeDeviation = baseline.mean() > 0 ? baseline.meanAbsDeviation() / baseline.mean() : 0;
        return Math.max(settings.minRelativeChange(), settings.deviationMultiplier() * relativeDeviation);
    }

    private void learn(CapacityDivergenceState state, CycleSummary cycle) {
        state.chargeBaseline.add(cycle.chargeAh(), settings.baselineAlpha());
        state.dischargeBaseline.add(cycle.dischargeAh(), settings.baselineAlpha());
    }

    private static Map<String, Double> evidence(CapacityDivergenceState state, CycleSummary cycle, double chargeRise,
            double dischargeFall, double chargeTolerance, double dischargeTolerance) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeAh", cycle.chargeAh());
        evidence.put("dischargeAh", cycle.dischargeAh());
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
        return evidence;
    }

    private static Alert alert(String alertId, Severity severity, AlertStatus status, CycleSummary cycle,
            String message, Map<String, Double> evidence) {
        return new Alert(Alert.SCHEMA_VERSION, alertId, cycle.channelId(), AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                severity, status, cycle.cycleIndex(), cycle.endTestTimeS(), cycle.endWallTimeMs(), message, evidence);
    }
}
