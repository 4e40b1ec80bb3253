package io.cellwatch.streams;

import io.cellwatch.streams.metrics.ChannelRetirement;
import io.cellwatch.streams.metrics.ChannelSweep;
import io.cellwatch.streams.metrics.DeadLetterCounting;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.query.QueryRouter;
import io.cellwatch.streams.query.RecentSamples;
import io.cellwatch.streams.topology.CellwatchTopology;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring topology running against a cluster, with its metrics bound to the registry:
 * per-channel gauges from the processors and Kafka Streams' own metrics (throughput, lag,
 * end-to-end latency) through Micrometer's binder. It also runs the channel sweep that retires the
 * series of quiet channels and of channels another instance owns now.
 */
public final class StreamsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final MicrometerPipelineTelemetry telemetry;
    private final RecentSamples recentSamples;
    private final ChannelSweep sweep;
    private final QueryRouter queryRouter;
    private final StreamsSettings streamsSettings;
    private final CleanStopMarker cleanStop;
    private final boolean previousRunCrashed;
    private final PredecessorCleanup predecessorCleanup;
    private volatile boolean started;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cellwatch-channel-sweep");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * With the default channel retirement.
     *
     * @param clock where the metrics and the live page read the time (last activity, sample age)
     */
    public StreamsService(
            TopologySettings topologySettings, StreamsSettings streamsSettings, MeterRegistry registry, Clock clock) {
        this(topologySettings, streamsSettings, registry, ChannelRetirement.defaults(), clock);
    }

    /** @param clock where the metrics, the channel sweep and the live page read the time */
    public StreamsService(
            TopologySettings topologySettings,
            StreamsSettings streamsSettings,
            MeterRegistry registry,
            ChannelRetirement retirement,
            Clock clock) {
        this(topologySettings, streamsSettings, registry, retirement, clock, PredecessorCleanup.begin(streamsSettings));
    }

    /**
     * With the clean-up of the run before already begun (and the instance lock held) by the command,
     * which does so as its JVM starts ({@link PredecessorCleanup} says why); the service owns it from here
     * and releases the lock when it closes.
     */
    public StreamsService(
            TopologySettings topologySettings,
            StreamsSettings streamsSettings,
            MeterRegistry registry,
            ChannelRetirement retirement,
            Clock clock,
            PredecessorCleanup predecessorCleanup) {
        try {
            this.streamsSettings = streamsSettings;
            this.predecessorCleanup = predecessorCleanup;
            this.previousRunCrashed = predecessorCleanup.previousRunCrashed();

            this.cleanStop = new CleanStopMarker(streamsSettings.stateDir(), streamsSettings.applicationId());
            this.telemetry = new MicrometerPipelineTelemetry(registry, clock);
            this.recentSamples = new RecentSamples(clock);
            Properties config = streamsSettings.toProperties();
            DeadLetterCounting.install(config, telemetry);
            Topology topology =
                    CellwatchTopology.build(topologySettings, PipelineTelemetry.both(telemetry, recentSamples), config);
            LOG.debug("topology:\n{}", topology.describe());
            this.streams = new KafkaStreams(topology, config);
            this.streamsMetrics = new KafkaStreamsMetrics(streams);
            this.streamsMetrics.bindTo(registry);
            // With an application.server, channels have an owner instance: queries route to it, and a channel's
            // series leave this instance's registry once a rebalance moved the channel elsewhere.
            this.queryRouter = new QueryRouter(
                    streams,
                    streamsSettings.applicationServer() == null
                            ? null
                            : HostInfo.buildFromEndpoint(streamsSettings.applicationServer()));
            this.sweep = new ChannelSweep(telemetry, retirement, clock);
            sweep.ownership(queryRouter::ownedHere);
            sweep.alsoForget(recentSamples::forget);
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        } catch (RuntimeException e) {
            predecessorCleanup.close(); // a service that was never built holds no state directory
            throw e;
        }
    }

    /**
     * Starts the topology, once the clean-up of the run before is done ({@link PredecessorCleanup},
     * begun as the command started or when this service was built: after a crash the crashed run's static members leave the group,
     * so its tasks fail over to their standbys now rather than come back to this instance to be restored
     * from nothing, and any transaction it left open is aborted). If that run did not stop cleanly it
     * wipes the local state, which Kafka Streams would wipe task by task ({@link CleanStopMarker}).
     */
    public void start() {
        predecessorCleanup.awaitDone();
        if (previousRunCrashed) {
            LOG.info("the previous run did not stop cleanly: wiping the local state, as exactly-once would");
            streams.cleanUp();
        }
        cleanStop.starting();
        started = true;
        streams.start();
        long everyMs = sweep.every().toMillis();
        sweeper.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep.sweep();
                    } catch (RuntimeException e) {
                        LOG.warn("channel sweep failed; next one in {} ms", everyMs, e);
                    }
                },
                everyMs,
                everyMs,
                TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Running or rebalancing: the process is doing its job. */
    public boolean healthy() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING
                || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.CREATED;
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public MicrometerPipelineTelemetry telemetry() {
        return telemetry;
    }

    /** The last hours of each channel this instance runs, for the query API's live page. */
    public RecentSamples recentSamples() {
        return recentSamples;
    }

    /** Which instance owns a channel, for the query API. */
    public QueryRouter queryRouter() {
        return queryRouter;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        if (streams.close(Duration.ofSeconds(30)) && started && streams.state() == KafkaStreams.State.NOT_RUNNING) {
            cleanStop.stoppedCleanly();
        }
        streamsMetrics.close();
        telemetry.close();
        predecessorCleanup.close();
    }
}
