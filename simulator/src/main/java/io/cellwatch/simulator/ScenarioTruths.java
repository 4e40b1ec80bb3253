package io.cellwatch.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Works out a channel's ground truth: a failure channel's twin is run through its protocol to its
 * end, without sampling, to find the cycles of onset and death; healthy channels get a description.
 */
final class ScenarioTruths {
    /** Ground truth is worked out by running each failure channel's protocol to its end, up to this. */
    private static final double TRUTH_HORIZON_S = 10_000 * 3600.0;

    private ScenarioTruths() {}

    /** The ground truth of channel number, of this scenario, in a fleet of this configuration. */
    static ScenarioTruth of(Scenario scenario, int number, String channelId, SimulatorConfig config) {
        if (scenario.isHealthy()) {
            return new ScenarioTruth(channelId, scenario, null, null, null, null, healthyDescription(scenario));
        }
        // Run a twin of the channel through its protocol without sampling: the protocol's course
        // depends only on its own random stream, never on the sample noise, so the twin dies when the
        // channel will.
        ChannelSim twin = Fleet.newChannel(scenario, number, channelId, config);
        TreeMap<Double, Integer> cycleAtTestTime = new TreeMap<>();
        Map<Integer, Double> cycleStartTestTime = new HashMap<>();
        twin.listenForCycleStarts((cycle, simTime) -> {
            double testTime = twin.testTimeAt(simTime);
            cycleAtTestTime.put(testTime, cycle);
            cycleStartTestTime.putIfAbsent(cycle, testTime);
        });
        twin.runWithoutSampling(TRUTH_HORIZON_S);
        if (!twin.ended()) {
            throw new IllegalStateException(channelId + ": " + scenario + " did not end within the truth horizon");
        }
        double endTestTime = ChannelSim.roundTo(twin.testTimeAt(twin.endSimTimeS()), 1e3);
        int endCycle = twin.cycleIndex;
        return switch (scenario) {
            case LI_IN_SOFT_SHORT, LI_METAL_SOFT_SHORT, CE_FLUCTUATION_SOFT_SHORT -> {
                FullCellSpec spec = ((FullCellChannel) twin).spec();
                int onset = spec.leak.onsetCycle();
                yield new ScenarioTruth(
                        channelId,
                        scenario,
                        onset,
                        endCycle,
                        cycleStartTestTime.get(onset),
                        endTestTime,
                        failureDescription(scenario, onset, endCycle));
            }
            case SYMMETRIC_DRIFT_SHORT, CCD_STEP_UP -> {
                SymmetricSpec spec = ((SymmetricCellChannel) twin).spec();
                int onset = cycleAtTestTime.floorEntry(spec.softShortAtS).getValue();
                int death = cycleAtTestTime.floorEntry(spec.hardShortAtS).getValue();
                yield new ScenarioTruth(
                        channelId,
                        scenario,
                        onset,
                        death,
                        spec.softShortAtS,
                        spec.hardShortAtS,
                        failureDescription(scenario, onset, death));
            }
            case CCD_STEP_UP_NO_SHORT ->
                new ScenarioTruth(
                        channelId,
                        scenario,
                        null,
                        null,
                        null,
                        null,
                        "step-up at 0.5 mAh/cm² per half-step from 0.5 mA/cm², no short; test ends after the "
                                + "9.0 mA/cm² step (cycle " + endCycle + ") at test time " + endTestTime + " s");
            default -> throw new IllegalStateException(scenario.toString());
        };
    }

    private static String healthyDescription(Scenario scenario) {
        return switch (scenario) {
            case HEALTHY_NCM -> "healthy NCM/graphite, ~0.02 %/cycle fade; first cycle (formation) CE is low";
            case HEALTHY_LFP ->
                "healthy LFP|QCPE@P-DOL|Li at 2C, 81.7 % after 1300 cycles; C/10 diagnostic cycle "
                        + "(steps 6-10) at every cycle index divisible by 100 shifts CE of it and the next cycle";
            case HEALTHY_SYMMETRIC -> "healthy Li|QCPE@P-DOL|Li at 0.2 mA/cm², ~80 mV, 1 h half-cycles";
            default -> scenario.toString();
        };
    }

    private static String failureDescription(Scenario scenario, int onset, int death) {
        return switch (scenario) {
            case LI_IN_SOFT_SHORT ->
                "Li-In dendrite soft short: charge capacity up and discharge down from cycle " + onset
                        + ", endless charge with low dV/dt at cycle " + death + " until the charge time limit";
            case LI_METAL_SOFT_SHORT ->
                "Li dendrite soft short: charge up, discharge and CE down from cycle " + onset
                        + ", endless charge at cycle " + death + " until the charge time limit";
            case CE_FLUCTUATION_SOFT_SHORT ->
                "intermittent soft short: CE fluctuates from cycle " + onset + ", endless charge at cycle " + death
                        + " until the charge time limit";
            case SYMMETRIC_DRIFT_SHORT ->
                "overpotential rises from ~270 mV; soft short (collapse, noise) in cycle " + onset
                        + " at 60 h, hard short (I·R_short) in cycle " + death + "; test stopped at 66 h";
            case CCD_STEP_UP ->
                "step-up 0.2 mA/cm² per 1 h step: CCD 2.4 mA/cm² (cycle " + (onset - 1)
                        + "); shorts in the 2.6 mA/cm² step (cycle " + onset + ")";
            default -> scenario.toString();
        };
    }
}
