package io.cellwatch.deploy.cli;

import io.cellwatch.alerts.AlertService;
import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.deploy.RunUntilStopped;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.ScenarioTruth;
import io.cellwatch.simulator.SimulationFeed;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.http.WebConfig;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Everything in one process on a simulated lab: broker, simulator, streams, alerts, metrics. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Runs everything in one process on a simulated lab.",
        description = {
            "Runs the whole monitor on a simulated lab: an embedded Kafka broker (unless --bootstrap-servers),",
            "a simulator of cycler channels with the seeded failure scenarios, the monitoring topology,",
            "alerts printed as they fire, and Prometheus metrics. Runs until Ctrl-C or --duration."
        })
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    EmbeddedBrokerOptions broker;

    @Mixin
    StateOptions state;

    @Mixin
    HttpEndpointOptions endpoint;

    @Mixin
    WebOptions web;

    @Mixin
    DetectionConfigOptions detectionConfig;

    @Mixin
    ReceiverOptions receivers;

    @Mixin
    SimulationOptions simulation;

    @Option(
            names = "--group",
            paramLabel = "NAME",
            description = "Put the simulated cells of each kind (cell type and chemistry) in a replicate group "
                    + "NAME:TYPE:CHEMISTRY, compared cycle by cycle; a cell leaving its group alerts.")
    String group;

    @Option(
            names = "--duration",
            defaultValue = "0",
            paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: run until Ctrl-C).")
    long durationS;

    /**
     * The one wall clock of the demo: the simulated test starts by it; the alert service, the metrics
     * and the live page read it.
     */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        WebConfig webConfig = web.config(); // a wrong file stops the command before anything starts
        receivers.config(); // a wrong receivers file or URL stops the demo before anything starts
        KafkaConnection cluster = kafka.cluster(); // so does a wrong Kafka configuration
        detectionConfig.load(); // and a wrong detection config
        Path demoDir = state.root().resolve("demo");
        if (cluster == null) {
            // A demo starts from a clean lab each time: the simulator replays the same channels from the start.
            deleteRecursively(demoDir);
        }
        Files.createDirectories(demoDir);
        TopicNames topics = kafka.topics();
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaRuntime runtime = broker.open(resources, cluster, kafka.topics, demoDir.resolve("kafka"));
            KafkaConnection connection = runtime.connection();

            detectionConfig.publishAndWatch(resources, connection, topics);
            PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
            StreamsService streams = resources.add(
                    "streams",
                    new StreamsService(
                            TopologySettings.defaults().withTopics(topics),
                            new StreamsSettings(
                                    singleInstance(connection),
                                    StreamsSettings.DEFAULT_APPLICATION_ID,
                                    demoDir.resolve("streams"),
                                    topics.deadLetter(),
                                    true,
                                    1,
                                    kafka.topics.replicationFactor,
                                    null),
                            registry,
                            clock));
            HttpApi http = StreamsCommand.serve(resources, streams, endpoint, registry, web, webConfig);

            // The alert service's meters join the topology's: one scrape of the demo has both.
            AlertService alerts =
                    receivers.service(connection, AlertService.DEFAULT_GROUP_ID, kafka.topics, registry, clock);
            resources.startThread("alerts", alerts, alerts);

            LiveSimulation lab = LiveSimulation.start(resources, connection, topics, simulation, group, clock);
            Simulator simulator = lab.simulator();
            SimulationFeed feed = lab.feed();

            printBanner(
                    simulator,
                    connection.bootstrapServers(),
                    http.scheme() + "://localhost:" + http.port(),
                    runtime.embedded());
            runner.await(
                    Duration.ofSeconds(durationS),
                    Duration.ofSeconds(10),
                    () -> String.format(
                            Locale.ROOT,
                            "[demo] simulated %.1f h | %,d samples sent | %,.0f cycles summarized | %,.0f alerts fired",
                            feed.simTimeS() / 3600,
                            feed.samplesSent(),
                            count(registry, "cellwatch.cycles"),
                            count(registry, "cellwatch.alerts")));
            System.err.println("[demo] stopping...");
        } finally {
            runner.done();
        }
        System.err.println("[demo] stopped cleanly");
        return 0;
    }

    private void printBanner(Simulator simulator, String bootstrap, String httpUrl, boolean embedded) {
        System.err.printf(
                Locale.ROOT,
                "[demo] cellwatch demo: %d simulated channels at %.0fx (1 s = %.1f simulated h)%n",
                simulator.channels().size(),
                simulation.acceleration,
                simulation.acceleration / 3600);
        System.err.printf(
                Locale.ROOT,
                "[demo] Kafka: %s%s | metrics: %s/metrics | query API: %s/api/channels%n",
                bootstrap,
                embedded ? " (embedded)" : "",
                httpUrl,
                httpUrl);
        System.err.println("[demo] failure scenarios to watch for:");
        for (ScenarioTruth truth : simulator.truths()) {
            System.err.printf(Locale.ROOT, "[demo]   %-28s %s%n", truth.channelId(), truth.description());
        }
        System.err.println("[demo] alerts print below as they fire; Ctrl-C stops.");
    }

    private static double count(PrometheusMeterRegistry registry, String name) {
        return registry.find(name).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /**
     * The demo runs one streams instance: a standby replica has nowhere to go, and Kafka Streams would
     * warn once per task at every start that it cannot place one. The operator's own setting wins.
     */
    static KafkaConnection singleInstance(KafkaConnection connection) {
        Map<String, String> props = new LinkedHashMap<>(connection.operatorProperties());
        props.putIfAbsent(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
        return KafkaConnection.of(connection.bootstrapServers(), props);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
