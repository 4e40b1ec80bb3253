package io.cellwatch.simulator;

import io.cellwatch.model.ChannelInfo;
import java.util.SplittableRandom;

/**
 * The test time a full cell had already run when monitoring joined its test at {@code startCycle}:
 * a long test watched from cycle 860 has 859 cycles behind it, and its samples carry that test
 * time, as a cycler's would.
 */
final class JoinedTestTime {
    private JoinedTestTime() {}

    /**
     * Test time a channel that joined at spec.startCycle has already run: its ordinary and
     * diagnostic cycles so far, each as long as this protocol makes it (found by running one of each).
     */
    static double before(FullCellSpec spec) {
        int before = spec.startCycle - 1;
        if (before <= 0) {
            return 0;
        }
        int diagnostics = spec.diagnosticEvery > 0 ? before / spec.diagnosticEvery : 0;
        int ordinaryCycle = spec.isDiagnostic(spec.startCycle) ? spec.startCycle + 1 : spec.startCycle;
        double t = (before - diagnostics) * cycleDurationS(spec, ordinaryCycle);
        if (diagnostics > 0) {
            t += diagnostics
                    * cycleDurationS(spec, spec.diagnosticEvery * Math.max(1, spec.startCycle / spec.diagnosticEvery));
        }
        return t;
    }

    /** Duration of this cycle of a leak-free, scatter-free copy of the cell, starting discharged. */
    private static double cycleDurationS(FullCellSpec spec, int cycle) {
        FullCellSpec probeSpec = spec.copy();
        probeSpec.startCycle = cycle;
        probeSpec.leak = LeakSchedule.NONE;
        probeSpec.capacityNoiseRel = 0;
        probeSpec.ceLossNoiseRel = 0;
        probeSpec.formationLoss = 0;
        FullCellChannel probe = new FullCellChannel(
                -1,
                ChannelInfo.defaultsFor("probe"),
                probeSpec,
                new SplittableRandom(0),
                new SplittableRandom(0),
                1.0,
                0L,
                0.0);
        double[] nextCycleStart = {Double.NaN};
        probe.listenForCycleStarts((c, simTimeS) -> {
            if (c == cycle + 1 && Double.isNaN(nextCycleStart[0])) {
                nextCycleStart[0] = simTimeS;
            }
        });
        probe.runWithoutSampling(() -> !Double.isNaN(nextCycleStart[0]), 10_000 * 3600.0);
        if (Double.isNaN(nextCycleStart[0])) {
            throw new IllegalStateException("protocol probe did not complete cycle " + cycle);
        }
        return nextCycleStart[0];
    }
}
