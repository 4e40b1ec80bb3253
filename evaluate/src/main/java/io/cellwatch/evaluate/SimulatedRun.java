package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.simulator.ScenarioTruth;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.Predicate;

/**
 * Drives one simulated fleet through the offline pipeline (the live pipeline's own summarizer and
 * detectors) and logs what every channel did. Time advances in slices, so a run can report
 * progress and stop on a condition (a number of cycles) as well as at a time limit or when every
 * channel's test has ended.
 */
public final class SimulatedRun {
    private static final double SLICE_S = 6 * 3600;

    private final Simulator simulator;
    private final Map<String, ChannelLog> logs = new LinkedHashMap<>();
    private final OfflinePipeline pipeline;
    private ChannelLog current;

    public SimulatedRun(Simulator simulator, DetectorSet detectors, boolean keepSeries) {
        this.simulator = simulator;
        List<ScenarioTruth> truths = simulator.allTruths();
        for (int i = 0; i < simulator.channels().size(); i++) {
            ChannelInfo info = simulator.channels().get(i);
            logs.put(info.channelId(), new ChannelLog(info, truths.get(i), keepSeries));
        }
        OfflinePipeline.Listener listener = new OfflinePipeline.Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                logs.get(cycle.channelId()).onCycle(cycle);
            }

            @Override
            public void onAlert(Alert alert) {
                logs.get(alert.channelId()).onAlert(alert);
            }
        };
        ReadingSink readings = (channelId, reading, value) -> {
            if (reading == HealthReading.OVERPOTENTIAL_V) {
                logs.get(channelId).onOverpotential(value);
            } else if (reading == HealthReading.CRITICAL_CURRENT_DENSITY_MA_PER_CM2) {
                logs.get(channelId).onCriticalCurrentDensity(value);
            }
        };
        this.pipeline = new OfflinePipeline(detectors, listener, readings);
        simulator.channels().forEach(pipeline::describe);
    }

    /**
     * Runs until simulated time {@code maxHours}, every channel's test ended, or {@code stop} holds
     * after a slice; then flushes the open cycles. {@code progressHours} hears the simulated hours
     * done after each slice.
     */
    public List<ChannelLog> run(double maxHours, Predicate<SimulatedRun> stop, DoubleConsumer progressHours) {
        double end = maxHours * 3600;
        double t = simulator.simTimeS();
        while (t < end && !simulator.finished() && !stop.test(this)) {
            t = Math.min(end, t + SLICE_S);
            simulator.advanceTo(t, this::accept);
            progressHours.accept(t / 3600);
        }
        pipeline.finish();
        return List.copyOf(logs.values());
    }

    private void accept(Sample sample) {
        if (current == null || !current.channelId().equals(sample.channelId())) {
            current = logs.get(sample.channelId());
        }
        current.onSample(sample.testTimeS(), sample.cycleIndex());
        pipeline.accept(sample);
    }

    /** The log of one channel (for stop conditions). */
    public ChannelLog log(String channelId) {
        return logs.get(channelId);
    }

    public Simulator simulator() {
        return simulator;
    }
}
