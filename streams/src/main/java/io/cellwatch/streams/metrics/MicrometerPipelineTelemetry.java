package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Publishes the pipeline's progress to Micrometer: per-channel gauges (one series per channel and
 * metric, the only label being the channel) and fleet-wide counters.
 *
 * <p>Meters only: which channels leave the registry again, and when, is {@link ChannelSweep}'s
 * decision; {@link #retireIf} carries it out. Time is read from the one injected {@link Clock}: when
 * a channel was last heard of, and its sample age at scrape time.
 */
public final class MicrometerPipelineTelemetry implements PipelineTelemetry {
    /** Values of the {@code stage} label of the dead-letter counter. */
    public static final List<String> DEAD_LETTER_STAGES = List.of("deserialization", "processing");

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, ChannelGauges> channels = new ConcurrentHashMap<>();
    private final Map<String, Counter> alertCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter samples;
    private final Counter staleSamples;
    private final Counter cycles;
    private final Counter retired;

    public MicrometerPipelineTelemetry(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public MicrometerPipelineTelemetry(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.samples = Counter.builder("cellwatch.samples")
                .description("Cycler samples folded into cycles")
                .register(registry);
        this.staleSamples = Counter.builder("cellwatch.samples.stale")
                .description("Samples ignored because they were not newer than the channel's last sample")
                .register(registry);
        this.cycles = Counter.builder("cellwatch.cycles")
                .description("Cycle summaries produced")
                .register(registry);
        this.retired = Counter.builder("cellwatch.channels.retired")
                .description("Channels whose series were removed: quiet too long, or owned by another instance now")
                .register(registry);
        Gauge.builder("cellwatch.channels", channels, Map::size)
                .description("Channels with series on this instance")
                .register(registry);
        // Registered up front so a dead-letter rate reads 0, not "no data", until the first bad record.
        for (String stage : DEAD_LETTER_STAGES) {
            deadLetterCounter(stage);
        }
    }

    @Override
    public void onSample(Sample sample) {
        samples.increment();
        long now = clock.millis();
        channel(sample.channelId(), g -> g.update(sample, now));
    }

    @Override
    public void onStaleSample(String channelId) {
        staleSamples.increment();
    }

    @Override
    public void onCycle(CycleSummary cycle) {
        cycles.increment();
        long now = clock.millis();
        channel(cycle.channelId(), g -> g.update(cycle, now));
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
        if (firing.isEmpty() && !channels.containsKey(channelId)) {
            return; // nothing to show, and no reason to create the channel's series
        }
        channel(channelId, g -> g.activeAlerts(firing, now));
    }

    @Override
    public void onDeadLetter(String stage, int records) {
        deadLetterCounter(stage).increment(records);
    }

    @Override
    public void report(String channelId, HealthReading reading, double value) {
        long now = clock.millis();
        channel(channelId, g -> g.update(reading, value, now));
    }

    /** Channels with gauges registered. */
    public int channelCount() {
        return channels.size();
    }

    /** The channels with series now. */
    public Set<String> channelIds() {
        return Set.copyOf(channels.keySet());
    }

    /**
     * Removes the channel's series if {@code retire} holds for what was last heard of it, deciding
     * and removing atomically with respect to updates of that channel (one arriving meanwhile
     * either counts or registers the channel afresh).
     *
     * @return whether the channel was retired
     */
    public boolean retireIf(String channelId, Predicate<ChannelActivity> retire) {
        boolean[] removed = {false};
        channels.computeIfPresent(channelId, (id, gauges) -> {
            if (!retire.test(gauges)) {
                return gauges;
            }
            unregister(gauges);
            removed[0] = true;
            return null;
        });
        if (removed[0]) {
            retired.increment();
        }
        return removed[0];
    }

    /**
     * Applies {@code update} to the channel's live gauges, registering them first if needed. The
     * common case is one lock-free map read; a channel retired meanwhile is registered afresh.
     */
    private void channel(String channelId, Consumer<ChannelGauges> update) {
        ChannelGauges existing = channels.get(channelId);
        if (existing != null) {
            update.accept(existing);
            if (!existing.retired) {
                return;
            }
        }
        channels.compute(channelId, (id, current) -> {
            ChannelGauges live = current == null ? ChannelMeters.register(registry, id, clock) : current;
            update.accept(live);
            return live;
        });
    }

    private void unregister(ChannelGauges gauges) {
        gauges.retired = true;
        for (Meter meter : gauges.meters) {
            registry.remove(meter);
        }
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
