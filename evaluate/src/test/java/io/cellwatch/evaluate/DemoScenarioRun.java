package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.ScenarioTruth;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One channel of the demo simulator's reference scenarios through the offline pipeline, for the
 * tests that keep the demo's behaviour (the Li-In cell of seed 004 and its friends) caught.
 */
final class DemoScenarioRun {
    record Result(
            ScenarioTruth truth,
            List<Alert> alerts,
            List<CycleSummary> cycles,
            int firstCycle,
            int lastCycle,
            double firstTestTimeS,
            double lastTestTimeS,
            Double lastCriticalCurrentDensity) {

        /** The first event of each episode. */
        List<Alert> episodes() {
            Set<String> seen = new HashSet<>();
            return alerts.stream()
                    .filter(a -> a.status() == AlertStatus.FIRING && seen.add(a.alertId()))
                    .toList();
        }

        /** The first episode at or after the onset, or null. */
        Alert firstAlert() {
            Double onset = truth.onsetTestTimeS();
            return onset == null
                    ? null
                    : episodes().stream()
                            .filter(a -> a.testTimeS() >= onset)
                            .findFirst()
                            .orElse(null);
        }

        /** Episodes that began before the onset (all of them without a fault). */
        List<Alert> falseAlarms() {
            Double onset = truth.onsetTestTimeS();
            return episodes().stream()
                    .filter(a -> onset == null || a.testTimeS() < onset)
                    .toList();
        }

        double channelDays() {
            return (lastTestTimeS - firstTestTimeS) / 86_400;
        }
    }

    private DemoScenarioRun() {}

    /** Runs the scenario until its test ends, hours pass, or (when cycles > 0) that many cycles from the first seen. */
    static Result run(
            Scenario scenario, long seed, double sampleIntervalS, double hours, int cycles, DetectorSet detectors) {
        Simulator simulator = Simulator.create(
                new SimulatorConfig(1, seed, sampleIntervalS, SimulatorConfig.DEMO_START_EPOCH_MS, true),
                List.of(scenario));
        List<Alert> alerts = new ArrayList<>();
        List<CycleSummary> summaries = new ArrayList<>();
        Double[] ccd = {null};
        OfflinePipeline pipeline = new OfflinePipeline(
                detectors,
                new OfflinePipeline.Listener() {
                    @Override
                    public void onCycle(CycleSummary cycle) {
                        summaries.add(cycle);
                    }

                    @Override
                    public void onAlert(Alert alert) {
                        alerts.add(alert);
                    }
                },
                (channel, reading, value) -> {
                    if (reading == HealthReading.CRITICAL_CURRENT_DENSITY_MA_PER_CM2) {
                        ccd[0] = value;
                    }
                });
        simulator.channels().forEach(pipeline::describe);
        int[] range = {Integer.MIN_VALUE, Integer.MIN_VALUE};
        double[] times = {Double.NaN, Double.NaN};
        double t = 0;
        while (t < hours * 3600 && !simulator.finished()) {
            t = Math.min(hours * 3600, t + 6 * 3600);
            simulator.advanceTo(t, (Sample s) -> {
                if (range[0] == Integer.MIN_VALUE) {
                    range[0] = s.cycleIndex();
                    times[0] = s.testTimeS();
                }
                range[1] = s.cycleIndex();
                times[1] = s.testTimeS();
                pipeline.accept(s);
            });
            if (cycles > 0 && range[1] - range[0] >= cycles) {
                break;
            }
        }
        pipeline.finish();
        return new Result(
                simulator.allTruths().get(0), alerts, summaries, range[0], range[1], times[0], times[1], ccd[0]);
    }
}
