package io.cellwatch.evaluate;

import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.detect.DetectorSet;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;

/**
 * One scenario of the evaluation suite: a single simulated channel run until its test ends, for a
 * number of hours, or for a number of cycles.
 *
 * @param label    short name in the report
 * @param scenario the simulator scenario
 * @param seed     simulator seed
 * @param hours    simulated hours at most
 * @param cycles   cycles to run from the first one seen (0: no cycle limit)
 */
public record SuiteRun(String label, Scenario scenario, long seed, double hours, int cycles) {

    /** Runs it; {@code progress} hears the fraction done (by time or cycles). */
    public ChannelLog run(EvaluationSettings settings, DetectorSet detectors, DoubleConsumer progress) {
        SimulatorConfig config =
                new SimulatorConfig(1, seed, settings.sampleIntervalS(), SimulatorConfig.DEMO_START_EPOCH_MS, true);
        Simulator simulator = Simulator.create(config, List.of(scenario));
        SimulatedRun run = new SimulatedRun(simulator, detectors, true);
        String channelId = simulator.channels().get(0).channelId();
        Predicate<SimulatedRun> stop = cycles <= 0
                ? r -> false
                : r -> {
                    ChannelLog log = r.log(channelId);
                    return log.samples() > 0 && log.lastCycleIndex() - log.firstCycleIndex() >= cycles;
                };
        DoubleConsumer hoursDone = h -> {
            if (cycles > 0) {
                ChannelLog log = run.log(channelId);
                progress.accept(Math.min(1, (log.lastCycleIndex() - log.firstCycleIndex()) / (double) cycles));
            } else {
                progress.accept(Math.min(1, h / hours));
            }
        };
        List<ChannelLog> logs = run.run(hours, stop, hoursDone);
        progress.accept(1);
        return logs.get(0);
    }
}
