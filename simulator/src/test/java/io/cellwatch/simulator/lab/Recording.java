package io.cellwatch.simulator.lab;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' own record of what a lab scenario wrote, independent of the pipeline: every row, the
 * declared cells, and per (cell, cycle) the charge and discharge the counters show, summed over
 * their resets (a counter that drops was reset and counts again from zero).
 */
final class Recording implements LabSink {
    /** One cycle as the counters show it. */
    static final class Cycle {
        double chargeAh;
        double dischargeAh;
        private double lastCharge;
        private double lastDischarge;
        final List<Sample> rows = new ArrayList<>();

        double chargeOverDischarge() {
            return chargeAh / dischargeAh;
        }

        double dischargeOverCharge() {
            return dischargeAh / chargeAh;
        }
    }

    final List<ChannelInfo> cells = new ArrayList<>();
    final List<Sample> rows = new ArrayList<>();
    private final List<TreeMap<Integer, Cycle>> cycles = new ArrayList<>();
    LabTruth truth;

    static Recording of(LabScenario scenario) {
        Recording r = new Recording();
        r.truth = scenario.run(r);
        return r;
    }

    @Override
    public void cell(ChannelInfo declared, int segment) {
        cells.add(declared);
        cycles.add(new TreeMap<>());
    }

    @Override
    public void sample(Sample s) {
        rows.add(s);
        Cycle c = cycles.get(cycles.size() - 1).computeIfAbsent(s.cycleIndex(), k -> new Cycle());
        c.chargeAh += s.chargeCapacityAh() >= c.lastCharge ? s.chargeCapacityAh() - c.lastCharge : s.chargeCapacityAh();
        c.dischargeAh += s.dischargeCapacityAh() >= c.lastDischarge
                ? s.dischargeCapacityAh() - c.lastDischarge
                : s.dischargeCapacityAh();
        c.lastCharge = s.chargeCapacityAh();
        c.lastDischarge = s.dischargeCapacityAh();
        c.rows.add(s);
    }

    /** The cycles of the first cell. */
    Map<Integer, Cycle> cycles() {
        return cycles.get(0);
    }

    Cycle cycle(int index) {
        Cycle c = cycles().get(index);
        if (c == null) {
            throw new AssertionError("no cycle " + index + "; cycles: " + cycles().keySet());
        }
        return c;
    }

    /** Channel seconds of a row. */
    static double channelS(Sample s) {
        return (s.wallTimeMs() - LabScenario.START_EPOCH_MS) / 1000.0;
    }
}
