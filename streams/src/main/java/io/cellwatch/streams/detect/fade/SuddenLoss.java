package io.cellwatch.streams.detect.fade;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.Episode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sudden-loss rule of {@link CapacityFadeDetector}: a step down in capacity that no protocol explains. */
final class SuddenLoss {
    private static final AlertKind KIND = AlertKind.CAPACITY_FADE;

    private SuddenLoss() {}

    /**
     * A cycle the protocol rules set aside with both capacities down: under the usual conditions
     * ({@link CapacityStep}) for {@link CapacityFadeSettings#stepCycles()} cycles running, it is the cell
     * that lost capacity, reported rather than relearnt silently as a new protocol.
     */
    static List<Alert> judge(
            CapacityFadeState state,
            CycleSummary cycle,
            double[] shifts,
            CapacityReference.Settings protocol,
            CapacityFadeSettings settings) {
        boolean bothDown = shifts[0] < -protocol.shiftFraction() && shifts[1] < -protocol.shiftFraction();
        if (!bothDown) {
            state.step.run = 0;
            return List.of();
        }
        if (!state.step.usualConditions(cycle, settings, protocol.learnCycles())) {
            // Another rate, a paused step, a diagnostic cycle, another chamber temperature: it tells
            // nothing either way about the cycles around it, so it neither counts nor ends the run.
            return List.of();
        }
        if (state.step.run++ == 0) {
            state.step.firstCycle = cycle.cycleIndex();
        }
        state.episode.signatureSeen();
        if (state.step.run < settings.stepCycles()) {
            return List.of();
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeShift", shifts[0]);
        evidence.put("dischargeShift", shifts[1]);
        evidence.put("thresholdShift", protocol.shiftFraction());
        evidence.put("cyclesRunning", (double) state.step.run);
        evidence.put("sinceCycle", (double) state.step.firstCycle);
        evidence.put("dischargeAh", cycle.dischargeAh());
        evidence.put("usualDischargeAh", cycle.dischargeAh() / (1 + shifts[1]));
        evidence.put("usualDischargeCurrentA", state.step.dischargeCurrentA.mean());
        evidence.put("usualTemperatureC", state.step.temperatureC.mean());
        String message = String.format(
                Locale.ROOT,
                "Sudden capacity loss: charge %+.1f %% and discharge %+.1f %% against the usual since cycle %d "
                        + "(%d cycles), at the usual current, voltage limits and temperature: not a protocol change",
                100 * shifts[0],
                100 * shifts[1],
                state.step.firstCycle,
                state.step.run);
        return state.episode.fire(KIND, Severity.WARNING, Episode.Evidence.of(cycle), message, evidence);
    }
}
