package io.cellwatch.streams.detect;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.state.StateSerdes;
import io.cellwatch.streams.testing.HeardOutput;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/** Runs detectors over samples in tests and keeps what they said: alerts, cycles, the latest readings. */
public final class DetectorHarness {
    public final List<Alert> alerts = new ArrayList<>();
    public final List<CycleSummary> cycles = new ArrayList<>();
    public final Map<HealthReading, Double> readings = new EnumMap<>(HealthReading.class);
    public final List<Double> overpotentials = new ArrayList<>();

    private final ReadingSink sink = (channel, reading, value) -> {
        readings.put(reading, value);
        if (reading == HealthReading.OVERPOTENTIAL_V) {
            overpotentials.add(value);
        }
    };

    /** One sample detector alone; with {@code viaStore} its state goes through the state-store codec after every sample. */
    public <S> DetectorHarness run(
            SampleDetector<S> detector, ChannelInfo channel, List<Sample> samples, boolean viaStore) {
        Serde<S> serde = StateSerdes.of(detector.stateType());
        S state = detector.newState(channel);
        for (Sample sample : samples) {
            alerts.addAll(detector.onSample(state, sample, channel, sink));
            if (viaStore) {
                state = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
            }
        }
        return this;
    }

    /** One cycle detector alone on cycle summaries. */
    public <S> DetectorHarness run(CycleDetector<S> detector, ChannelInfo channel, List<CycleSummary> summaries) {
        S state = detector.newState(channel);
        for (CycleSummary cycle : summaries) {
            alerts.addAll(detector.onCycle(state, cycle, channel, sink));
        }
        return this;
    }

    /** The whole offline pipeline with these detectors. */
    public DetectorHarness pipeline(DetectorSet detectors, ChannelInfo channel, List<Sample> samples) {
        HeardOutput heard = new HeardOutput();
        OfflinePipeline pipeline = new OfflinePipeline(detectors, heard, sink);
        pipeline.describe(channel);
        samples.forEach(pipeline::accept);
        pipeline.finish();
        cycles.addAll(heard.cycles);
        alerts.addAll(heard.alerts);
        return this;
    }
}
