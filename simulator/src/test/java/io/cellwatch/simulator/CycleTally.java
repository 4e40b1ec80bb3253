package io.cellwatch.simulator;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The tests' own per-cycle summary of emitted samples, deliberately simple and independent of the
 * simulator's internals: maxima of the cumulative counters per cycle, charge step duration, current
 * and voltage statistics.
 */
final class CycleTally implements Consumer<Sample> {

    static final class Cycle {
        final int index;
        double chargeAh;
        double dischargeAh;
        double firstTestTimeS = Double.NaN;
        double lastTestTimeS;
        double firstChargeTestTimeS = Double.NaN;
        double lastChargeTestTimeS;
        double maxAbsCurrentA;
        double sumAbsVoltage;
        int samples;
        boolean diagnostic;
        final List<Sample> rows = new ArrayList<>();

        Cycle(int index) {
            this.index = index;
        }

        double ce() {
            return dischargeAh / chargeAh;
        }

        double chargeDurationS() {
            return lastChargeTestTimeS - firstChargeTestTimeS;
        }

        double meanAbsVoltage() {
            return sumAbsVoltage / samples;
        }
    }

    private final Map<String, TreeMap<Integer, Cycle>> channels = new LinkedHashMap<>();
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

    @Override
    public void accept(Sample s) {
        samples.computeIfAbsent(s.channelId(), k -> new ArrayList<>()).add(s);
        Cycle c = channels.computeIfAbsent(s.channelId(), k -> new TreeMap<>())
                .computeIfAbsent(s.cycleIndex(), Cycle::new);
        c.chargeAh = Math.max(c.chargeAh, s.chargeCapacityAh());
        c.dischargeAh = Math.max(c.dischargeAh, s.dischargeCapacityAh());
        if (Double.isNaN(c.firstTestTimeS)) {
            c.firstTestTimeS = s.testTimeS();
        }
        c.lastTestTimeS = s.testTimeS();
        if (s.stepType() == StepType.CHARGE) {
            if (Double.isNaN(c.firstChargeTestTimeS)) {
                c.firstChargeTestTimeS = s.testTimeS();
            }
            c.lastChargeTestTimeS = s.testTimeS();
        }
        c.maxAbsCurrentA = Math.max(c.maxAbsCurrentA, Math.abs(s.currentA()));
        c.sumAbsVoltage += Math.abs(s.voltageV());
        c.samples++;
        c.diagnostic |= s.stepIndex() >= 6;
        c.rows.add(s);
    }

    TreeMap<Integer, Cycle> cycles(String channelId) {
        return channels.getOrDefault(channelId, new TreeMap<>());
    }

    Cycle cycle(String channelId, int index) {
        Cycle c = cycles(channelId).get(index);
        if (c == null) {
            throw new AssertionError(channelId + " has no cycle " + index + "; cycles seen: "
                    + cycles(channelId).keySet());
        }
        return c;
    }

    List<Sample> samples(String channelId) {
        return samples.getOrDefault(channelId, List.of());
    }

    Map<String, List<Sample>> samplesByChannel() {
        return samples;
    }
}
