package io.cellwatch.streams.detect.fade;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.Episode;
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
 * through retention against cycle index: five running sums, so it follows a cell whose fade speeds
 * up while a single odd cycle moves it little. Protocol-made cycles (diagnostic, reset, HPPC,
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
        if (verdict != CapacityReference.Verdict.ORDINARY) {
            // Learning the usual cycle, a protocol-made cycle, or a new protocol whose capacities do not
            // compare with the old reference: retention against the first cycles would mean nothing.
            List<Alert> loss = verdict == CapacityReference.Verdict.LEARNING
                    ? List.of()
                    : suddenLoss(state, cycle, shifts, protocol, settings);
            if (verdict == CapacityReference.Verdict.RELEARNED) {
                restart(state);
            }
            return loss;
        }
        state.step.learn(cycle);
        state.inventoryLoss.add(
                1 - Math.min(cycle.chargeAh(), cycle.dischargeAh()) / Math.max(cycle.chargeAh(), cycle.dischargeAh()),
                settings.alpha());
        double referenceAh = state.reference.dischargeAh();
        if (Math.abs(cycle.dischargeAh() / referenceAh - 1) > protocol.shiftFraction()) {
            return List.of();
        }
        if (state.referenceCount < settings.referenceCycles()) {
            state.referenceCount++;
            state.referenceSumAh += cycle.dischargeAh();
            if (state.referenceCount == 1) {
                state.originCycle = cycle.cycleIndex();
            }
        }
        double retention = cycle.dischargeAh() / state.referenceDischargeAh();
        readings.report(cycle.channelId(), HealthReading.CAPACITY_RETENTION, retention);
        fold(state, cycle.cycleIndex() - state.originCycle, retention, settings.alpha());
        if (state.fitted < settings.minCycles()) {
            return List.of();
        }
        double slope = slope(state);
        double fadePerCycle = -slope;
        double fittedRetention = fitted(state, cycle.cycleIndex() - state.originCycle, slope);
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
        return state.episode.quiet(
                KIND,
                settings.resolveAfterCycles(),
                at,
                String.format(
                        Locale.ROOT,
                        "Capacity fade back to %.3f %%/cycle (limit %.2f %%/cycle)",
                        100 * fadePerCycle,
                        100 * limit),
                evidence);
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
     * A cycle the protocol rules set aside with both capacities down: under the usual conditions
     * ({@link CapacityStep}) for {@link CapacityFadeSettings#stepCycles()} cycles running, it is the cell
     * that lost capacity, reported rather than relearnt silently as a new protocol.
     */
    private static List<Alert> suddenLoss(
            CapacityFadeState state,
            CycleSummary cycle,
            double[] shifts,
            CapacityReference.Settings protocol,
            CapacityFadeSettings settings) {
        boolean bothDown = shifts[0] < -protocol.shiftFraction() && shifts[1] < -protocol.shiftFraction();
        if (!bothDown || !state.step.usualConditions(cycle, settings, protocol.learnCycles())) {
            state.step.run = 0;
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

    private static void restart(CapacityFadeState state) {
        state.referenceCount = 0;
        state.referenceSumAh = 0;
        state.sumW = 0;
        state.sumX = 0;
        state.sumY = 0;
        state.sumXX = 0;
        state.sumXY = 0;
        state.fitted = 0;
        state.fastRun = 0;
    }

    /** Adds a point with weight 1 after discounting the older ones by (1 − alpha). */
    private static void fold(CapacityFadeState s, double x, double y, double alpha) {
        double keep = 1 - alpha;
        s.sumW = keep * s.sumW + 1;
        s.sumX = keep * s.sumX + x;
        s.sumY = keep * s.sumY + y;
        s.sumXX = keep * s.sumXX + x * x;
        s.sumXY = keep * s.sumXY + x * y;
        s.fitted++;
    }

    private static double slope(CapacityFadeState s) {
        double denominator = s.sumW * s.sumXX - s.sumX * s.sumX;
        return denominator > 0 ? (s.sumW * s.sumXY - s.sumX * s.sumY) / denominator : 0;
    }

    private static double fitted(CapacityFadeState s, double x, double slope) {
        double meanX = s.sumX / s.sumW;
        double meanY = s.sumY / s.sumW;
        return meanY + slope * (x - meanX);
    }
}
