package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.pipeline.SequenceEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Publishes the pipeline's progress: per-channel series from the channel table ({@link ChannelRows},
 * exported by {@link ChannelFamilies} through the Prometheus client when the registry is a
 * {@link PrometheusMeterRegistry}) and fleet-wide counters through Micrometer.
 *
 * <p>Which channels leave the table again, and when, is {@link ChannelSweep}'s decision;
 * {@link #retireIf} carries it out. Time is read from the one injected {@link Clock}: when a channel
 * was last heard of, and its sample age at scrape time. {@link #close} takes the channel families
 * off the Prometheus registry again.
 */
public final class MicrometerPipelineTelemetry implements PipelineTelemetry, AutoCloseable {
    /** Values of the {@code stage} label of the dead-letter counter. */
    public static final List<String> DEAD_LETTER_STAGES = List.of("deserialization", "processing");

    private final MeterRegistry registry;
    private final Clock clock;
    private final ChannelRows channels = new ChannelRows();
    private final ChannelFamilies families;
    private final PrometheusRegistry exportedTo;
    private final Map<String, Counter> alertCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<SequenceEvent.Kind, Counter> sequenceEvents = new ConcurrentHashMap<>();
    private final Counter samples;
    private final Counter staleSamples;
    private final Counter cycles;
    private final Counter ignoredExternalCycles;
    private final Counter retired;

    public MicrometerPipelineTelemetry(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.families = new ChannelFamilies(channels, clock);
        this.exportedTo =
                registry instanceof PrometheusMeterRegistry prometheus ? prometheus.getPrometheusRegistry() : null;
        if (exportedTo != null) {
            exportedTo.register(families);
        }
        this.samples = counter("cellwatch.samples", "Cycler samples folded into cycles");
        this.staleSamples = counter(
                "cellwatch.samples.stale",
                "Samples ignored because they were not newer than the channel's last sample");
        this.cycles = counter("cellwatch.cycles", "Cycle summaries produced");
        this.ignoredExternalCycles = counter(
                "cellwatch.cycles.external.ignored",
                "Cycles from summary files not judged because their channel sends samples");
        this.retired = counter(
                "cellwatch.channels.retired",
                "Channels whose series were removed: quiet too long, or owned by another instance now");
        Gauge.builder("cellwatch.channels", channels, ChannelRows::size)
                .description("Channels with series on this instance")
                .register(registry);
        // Registered up front so a dead-letter rate reads 0, not "no data", until the first bad record.
        for (String stage : DEAD_LETTER_STAGES) {
            deadLetterCounter(stage);
        }
    }

    @Override
    public void onSample(Sample sample, ChannelInfo info) {
        samples.increment();
        long now = clock.millis();
        channels.update(sample.channelId(), g -> g.update(sample, info, now));
    }

    @Override
    public void onStaleSample(String channelId) {
        staleSamples.increment();
    }

    @Override
    public void onCycle(CycleSummary cycle) {
        cycles.increment();
        long now = clock.millis();
        channels.update(cycle.channelId(), g -> g.update(cycle, now));
    }

    @Override
    public void onSequenceEvent(SequenceEvent event) {
        sequenceEvents
                .computeIfAbsent(
                        event.kind(),
                        kind -> Counter.builder("cellwatch.channel.sequence.events")
                                .description(
                                        "Breaks in channels' sample sequences: new tests on reused channels "
                                                + "(detectors restarted), record numbers or test clocks restarted by the cycler")
                                .tags("kind", kind.wireName())
                                .register(registry))
                .increment();
    }

    @Override
    public void onIgnoredExternalCycle(String channelId) {
        ignoredExternalCycles.increment();
    }

    @Override
    public void onAlert(Alert alert) {
        if (alert.status() != AlertStatus.FIRING) {
            return;
        }
        String key = alert.kind().wireName() + "|" + alert.severity().wireName();
        alertCounters
                .computeIfAbsent(
                        key,
                        k -> Counter.builder("cellwatch.alerts")
                                .description("Alert events fired, by kind and severity")
                                .tags(
                                        "kind",
                                        alert.kind().wireName(),
                                        "severity",
                                        alert.severity().wireName())
                                .register(registry))
                .increment();
    }

    @Override
    public void onActiveAlerts(String channelId, Collection<Alert> firing) {
        long now = clock.millis();
        if (firing.isEmpty() && !channels.contains(channelId)) {
            return; // nothing to show, and no reason to create the channel's series
        }
        channels.update(channelId, g -> g.activeAlerts(firing, now));
    }

    @Override
    public void onDeadLetter(String stage, int records) {
        deadLetterCounter(stage).increment(records);
    }

    @Override
    public void report(String channelId, HealthReading reading, double value) {
        long now = clock.millis();
        channels.update(channelId, g -> g.update(reading, value, now));
    }

    /** Channels with series now. */
    public int channelCount() {
        return channels.size();
    }

    /** The channels with series now. */
    public Set<String> channelIds() {
        return channels.channelIds();
    }

    /** The per-channel families, as a scrape collects them (also when no Prometheus registry exports them). */
    public MultiCollector channelFamilies() {
        return families;
    }

    /**
     * Removes the channel's series if {@code retire} holds for what was last heard of it, deciding
     * and removing atomically with respect to updates of that channel (one arriving meanwhile
     * either counts or brings the channel back).
     *
     * @return whether the channel was retired
     */
    public boolean retireIf(String channelId, Predicate<ChannelActivity> retire) {
        boolean removed = channels.retireIf(channelId, retire);
        if (removed) {
            retired.increment();
        }
        return removed;
    }

    /** The channel's test was ended: its series go at once, not after {@link ChannelRetirement#quietFor()}. */
    @Override
    public void onChannelForgotten(String channelId) {
        retireIf(channelId, activity -> true);
    }

    @Override
    public void close() {
        if (exportedTo != null) {
            exportedTo.unregister(families);
        }
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private Counter deadLetterCounter(String stage) {
        return deadLetters.computeIfAbsent(
                stage,
                s -> Counter.builder("cellwatch.dead.letter.records")
                        .description("Records sent to the dead-letter topic, by the stage that could not handle them")
                        .tags("stage", s)
                        .register(registry));
    }
}
