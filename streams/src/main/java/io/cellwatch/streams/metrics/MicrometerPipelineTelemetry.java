package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the pipeline's progress to Micrometer: per-channel gauges (one series per channel and
 * metric, the only label being the channel) and fleet-wide counters.
 */
public final class MicrometerPipelineTelemetry implements PipelineTelemetry {
    private final MeterRegistry registry;
    private final Map<String, ChannelGauges> channels = new ConcurrentHashMap<>();
    private final Map<String, Counter> alertCounters = new ConcurrentHashMap<>();
    private final Counter samples;
    private final Counter staleSamples;
    private final Counter cycles;

    public MicrometerPipelineTelemetry(MeterRegistry registry) {
        this.registry = registry;
        this.samples = Counter.builder("cellwatch.samples").description("Cycler samples folded into cycles")
                .register(registry);
        this.staleSamples = Counter.builder("cellwatch.samples.stale")
                .description("Samples ignored because they were not newer than the channel's last sample")
                .register(registry);
        this.cycles = Counter.builder("cellwatch.cycles").description("Cycle summaries produced").register(registry);
    }

    @Override
    public void onSample(Sample sample) {
        samples.increment();
        channel(sample.channelId()).update(sample);
    }

    @Override
    public void onStaleSample(String channelId) {
        staleSamples.increment();
    }

    @Override
    public void onCycle(CycleSummary cycle) {
        cycles.increment();
        channel(cycle.channelId()).update(cycle);
    }

    @Override
    public void onAlert(Alert alert) {
        if (alert.status() != AlertStatus.FIRING) {
            return;
        }
        String key = alert.kind().wireName() + "|" + alert.severity().wireName();
        alertCounters.computeIfAbsent(key, k -> Counter.builder("cellwatch.alerts")
                .description("Alert events fired, by kind and severity")
                .tags("kind", alert.kind().wireName(), "severity", alert.severity().wireName())
                .register(registry)).increment();
    }

    @Override
    public void report(String channelId, HealthReading reading, double value) {
        channel(channelId).readings.put(reading, value);
    }

    /** Channels with gauges registered. */
    public int channelCount() {
        return channels.size();
    }

    private ChannelGauges channel(String channelId) {
        ChannelGauges existing = channels.get(channelId);
        return existing != null ? existing : channels.computeIfAbsent(channelId, this::register);
    }

    private ChannelGauges register(String channelId) {
        ChannelGauges gauges = new ChannelGauges();
        Tags tags = Tags.of("channel", channelId);
        gauge("cellwatch.cell.voltage", "volts", "Last cell voltage", tags, gauges, g -> g.voltageV);
        gauge("cellwatch.cell.current", "amperes", "Last current, charge positive", tags, gauges, g -> g.currentA);
        gauge("cellwatch.cell.temperature", "celsius", "Last temperature", tags, gauges, g -> g.temperatureC);
        gauge("cellwatch.cell.cycle", null, "Cycler cycle index of the last sample", tags, gauges, g -> g.cycleIndex);
        gauge("cellwatch.cell.coulombic.efficiency", null, "Coulombic efficiency of the last closed cycle", tags,
                gauges, g -> g.lastCoulombicEfficiency);
        gauge("cellwatch.cell.charge.capacity", "ampere_hours", "Charge capacity of the last closed cycle", tags,
                gauges, g -> g.lastChargeAh);
        gauge("cellwatch.cell.discharge.capacity", "ampere_hours", "Discharge capacity of the last closed cycle",
                tags, gauges, g -> g.lastDischargeAh);
        for (HealthReading reading : HealthReading.values()) {
            ReadingGauge spec = ReadingGauge.of(reading);
            gauge(spec.name(), spec.baseUnit(), spec.description(), tags, gauges,
                    g -> g.readings.getOrDefault(reading, Double.NaN));
        }
        return gauges;
    }

    private void gauge(String name, String baseUnit, String description, Tags tags, ChannelGauges gauges,
            ToDoubleFunction<ChannelGauges> value) {
        Gauge.builder(name, gauges, value).baseUnit(baseUnit).description(description).tags(tags)
                .strongReference(true).register(registry);
    }
}
