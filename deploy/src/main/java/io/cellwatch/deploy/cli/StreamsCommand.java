package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.deploy.RunUntilStopped;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.PredecessorCleanup;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.http.WebConfig;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.metrics.ChannelRetirement;
import io.cellwatch.streams.query.QueryApi;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The monitoring topology alone, one instance of a scalable deployment. */
@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        header = "Runs the monitoring topology (one instance of a scalable deployment).",
        description = {
            "Runs the monitoring topology (cycle summaries, detectors, metrics) against a Kafka cluster.",
            "Start more instances with the same --application-id to share the partitions."
        })
public final class StreamsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    StateOptions state;

    @Mixin
    HttpEndpointOptions endpoint;

    @Mixin
    WebOptions web;

    @Mixin
    DetectionConfigOptions detectionConfig;

    @Option(
            names = "--application-id",
            defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id shared by all instances (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--at-least-once",
            description = "Use at_least_once instead of exactly_once_v2 (faster; a crash may count a sample twice).")
    boolean atLeastOnce;

    @Option(
            names = "--application-server",
            paramLabel = "HOST:PORT",
            description = {
                "Where other instances reach this one's HTTP port (its query API), e.g. the pod IP and --http-port.",
                "Needed when several instances run: queries are routed to the instance owning the channel."
            })
    String applicationServer;

    @Option(
            names = "--instance-id",
            paramLabel = "ID",
            description = {
                "This instance's stable name in the group (static membership): restarted with the same name within",
                "10 s, it takes its own partitions back without a rebalance. Give every instance its own and keep it",
                "across restarts, e.g. the pod name of a StatefulSet (default: host name and a digest of --state-dir)."
            })
    String instanceId;

    @Option(
            names = "--retire-channels-after",
            defaultValue = "24h",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Remove a channel's series once it sent nothing for this long, e.g. 90m, 24h, 7d; 0 never (default: ${DEFAULT-VALUE}).")
    Duration retireChannelsAfter;

    @Option(
            names = "--end-tests-silent-for",
            defaultValue = "0",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = {
                "End the test of a channel that sent nothing for this long while other channels did, as `cellwatch",
                "end-test` does, e.g. 14d (default: 0, never). For labs whose channel ids turn over and that do not",
                "end their tests; keep it longer than any pause a test takes: a channel heard from again starts as",
                "its next test. An outage of every channel (a tenth of this, nothing anywhere) does not count."
            })
    Duration endTestsSilentFor;

    /** The one wall clock of the command: the metrics, the channel sweep and the live page read it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        WebConfig webConfig = web.config(); // a wrong file stops the command before anything starts
        detectionConfig.load(); // so does a wrong detection config
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaConnection cluster = kafka.requireCluster("streams");
            Path stateDir = state.root().resolve("streams");
            StreamsSettings settings = new StreamsSettings(
                    cluster,
                    applicationId,
                    stateDir,
                    kafka.topics().deadLetter(),
                    !atLeastOnce,
                    threads,
                    kafka.topics.replicationFactor,
                    applicationServer,
                    instanceId != null ? instanceId : StreamsSettings.defaultInstanceId(stateDir));
            // First of all, before the topic check, the detection config and the topology: after a crash
            // the crashed run's members leave the group now, so its tasks fail over while this JVM starts.
            PredecessorCleanup predecessorCleanup =
                    resources.add("predecessor clean-up", PredecessorCleanup.begin(settings));
            KafkaRuntime runtime = kafka.open(resources, cluster);
            KafkaRuntime.requireCoPartitioned(runtime.connection(), kafka.topics());
            detectionConfig.publishAndWatch(resources, runtime.connection(), kafka.topics());
            PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
            StreamsService streams = resources.add(
                    "streams",
                    new StreamsService(
                            TopologySettings.defaults()
                                    .withTopics(kafka.topics())
                                    .withEndTestsSilentFor(endTestsSilentFor),
                            settings,
                            registry,
                            retireChannelsAfter.isZero()
                                    ? ChannelRetirement.never()
                                    : ChannelRetirement.after(retireChannelsAfter),
                            clock,
                            predecessorCleanup));
            serve(resources, streams, endpoint, registry, web, webConfig);
            System.err.println("[streams] running against " + runtime.bootstrapServers() + "; Ctrl-C stops.");
            runner.await(Duration.ZERO, Duration.ofSeconds(60), null);
        } finally {
            runner.done();
        }
        return 0;
    }

    /**
     * Serves the topology's HTTP endpoint (metrics, health and the query API), then starts the topology;
     * {@code streams} and {@code demo} both run it this way.
     */
    static HttpApi serve(
            Resources resources,
            StreamsService streams,
            HttpEndpointOptions endpoint,
            PrometheusMeterRegistry registry,
            WebOptions web,
            WebConfig webConfig)
            throws IOException {
        HttpApi http = resources.add(
                "http", HttpApi.start(endpoint.host, endpoint.port, registry, streams::healthy, webConfig));
        new QueryApi(streams.kafkaStreams(), streams.queryRouter(), streams.recentSamples()).install(http);
        HttpApi health = web.startHealthPort(endpoint.host, streams::healthy);
        if (health != null) {
            resources.add("health", health);
        }
        streams.start();
        return http;
    }
}
