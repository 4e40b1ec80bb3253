package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the pipeline's progress to Micrometer: per-channel gauges (one series per channel and
 * metric, the only label being the channel) and fleet-wide counters.
 *
 * <p>Channels leave the registry again ({@link #sweep()}): when they have been quiet for the
 * configured {@link ChannelRetirement} time, and when another instance of the application owns
 * them now (after a rebalance), so a channel's series live on exactly one instance and a fleet
 * whose channels come and go stays bounded. {@link #startSweeping()} runs the sweep on a timer.
 */
public final class MicrometerPipelineTelemetry implements PipelineTelemetry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MicrometerPipelineTelemetry.class);
    /** Values of the {@code stage} label of the dead-letter counter. */
    public static final List<String> DEAD_LETTER_STAGES = List.of("deserialization", "processing");

    private final MeterRegistry registry;
    private final Clock clock;
    private final ChannelRetirement retirement;
    private final Map<String, ChannelGauges> channels = new ConcurrentHashMap<>();
    private final Map<String, Counter> alertCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter samples;
    private final Counter staleSamples;
    private final Counter cycles;
    private final Counter retired;
    private volatile Predicate<String> ownedHere = channel -> true;
    private ScheduledExecutorService sweeper;

    public MicrometerPipelineTelemetry(MeterRegistry registry) {
        this(registry, ChannelRetirement.defaults());
    }

    public MicrometerPipelineTelemetry(MeterRegistry registry, ChannelRetirement retirement) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.retirement = retirement;
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
        long now = clock.wallTime();
        channel(sample.channelId(), g -> g.update(sample, now));
    }

    @Override
    public void onStaleSample(String channelId) {
        staleSamples.increment();
    }

    @Override
    public void onCycle(CycleSummary cycle) {
        cycles.increment();
        long now = clock.wallTime();
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
        long now = clock.wallTime();
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
        long now = clock.wallTime();
        channel(channelId, g -> g.update(reading, value, now));
    }

    /** Channels with gauges registered. */
    public int channelCount() {
        return channels.size();
    }

    /**
     * Tells the sweep which channels this instance owns (the others' series are removed); by default
     * it owns them all. The test must be cheap and must not block.
     */
    public void ownership(Predicate<String> ownedHere) {
        this.ownedHere = ownedHere;
    }

    /**
     * Removes the series of channels owned by another instance, and of channels quiet for longer than
     * the retirement time with no alert firing.
     *
     * @return how many channels were retired
     */
    public int sweep() {
        long now = clock.wallTime();
        long quietMs = retirement.quietFor().toMillis();
        Predicate<String> owned = ownedHere;
        int count = 0;
        for (String channelId : channels.keySet()) {
            boolean[] removed = {false};
            channels.computeIfPresent(channelId, (id, gauges) -> {
                boolean quiet =
                        retirement.enabled() && !gauges.hasFiringAlerts() && now - gauges.lastActivityMs >= quietMs;
                if (!quiet && owned.test(id)) {
                    return gauges;
                }
                unregister(gauges);
                removed[0] = true;
                return null;
            });
            if (removed[0]) {
                count++;
            }
        }
        if (count > 0) {
            retired.increment(count);
            LOG.debug("retired the series of {} channels", count);
        }
        return count;
    }

    /** Runs {@link #sweep()} every {@link ChannelRetirement#sweepEvery()} on a daemon thread until {@link #close()}. */
    public synchronized void startSweeping() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cellwatch-metrics-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long everyMs = retirement.sweepEvery().toMillis();
        sweeper.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep();
                    } catch (RuntimeException e) {
                        LOG.warn("channel sweep failed; next one in {} ms", everyMs, e);
                    }
                },
                everyMs,
                everyMs,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
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
            ChannelGauges live = current == null ? register(id) : current;
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

    private ChannelGauges register(String channelId) {
        ChannelGauges gauges = new ChannelGauges();
        Tags tags = Tags.of("channel", channelId);
        gauge("cellwatch.cell.voltage", "volts", "Last cell voltage", tags, gauges, g -> g.voltageV);
        gauge("cellwatch.cell.current", "amperes", "Last current, charge positive", tags, gauges, g -> g.currentA);
        gauge("cellwatch.cell.temperature", "celsius", "Last temperature", tags, gauges, g -> g.temperatureC);
        gauge("cellwatch.cell.cycle", null, "Cycler cycle index of the last sample", tags, gauges, g -> g.cycleIndex);
        gauge(
                "cellwatch.cell.coulombic.efficiency",
                null,
                "Coulombic efficiency of the last closed cycle",
                tags,
                gauges,
                g -> g.lastCoulombicEfficiency);
        gauge(
                "cellwatch.cell.charge.capacity",
                "ampere_hours",
                "Charge capacity of the last closed cycle",
                tags,
                gauges,
                g -> g.lastChargeAh);
        gauge(
                "cellwatch.cell.discharge.capacity",
                "ampere_hours",
                "Discharge capacity of the last closed cycle",
                tags,
                gauges,
                g -> g.lastDischargeAh);
        gauge(
                "cellwatch.cell.last.sample.age",
                "seconds",
                "Seconds since the pipeline folded the channel's last sample (NaN before the first)",
                tags,
                gauges,
                g -> g.lastSampleAgeS(clock.wallTime()));
        gauge(
                "cellwatch.cell.active.alerts",
                null,
                "Alert episodes firing on the channel",
                tags,
                gauges,
                g -> g.activeAlerts);
        gauge(
                "cellwatch.cell.alert.severity",
                null,
                "Highest severity among the channel's firing alerts: 0 none, 1 warning, 2 critical",
                tags,
                gauges,
                g -> g.alertSeverity);
        for (HealthReading reading : HealthReading.values()) {
            ReadingGauge spec = ReadingGauge.of(reading);
            gauge(
                    spec.name(),
                    spec.baseUnit(),
                    spec.description(),
                    tags,
                    gauges,
                    g -> g.readings.getOrDefault(reading, Double.NaN));
        }
        return gauges;
    }

    private void gauge(
            String name,
            String baseUnit,
            String description,
            Tags tags,
            ChannelGauges gauges,
            ToDoubleFunction<ChannelGauges> value) {
        gauges.meters.add(Gauge.builder(name, gauges, value)
                .baseUnit(baseUnit)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry));
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
