package io.cellwatch.bench;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.broker.EmbeddedKafka;
import io.cellwatch.ingest.kafka.SampleProducer;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end throughput of the monitoring topology against a real (embedded, in-process) KRaft
 * broker: the demo fleet's samples are produced first, then a fresh Kafka Streams application is
 * timed, once it has started and folded its first thousand samples, until it has folded all of them. The baseline, measured in the same run
 * on the same samples, is the pure-Java core alone ({@link OfflinePipeline}). Each guarantee runs
 * {@code rounds} times with a fresh application id.
 *
 * <p>Run: {@code java -cp bench/target/cellwatch-bench.jar io.cellwatch.bench.PipelineThroughput [hours] [rounds]}
 */
public final class PipelineThroughput {

    public static void main(String[] args) throws Exception {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 24;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Simulator simulator = Simulator.create(SimulatorConfig.demo());
        List<Sample> samples = new ArrayList<>();
        simulator.advanceTo(hours * 3600, samples::add);
        System.out.printf(
                Locale.ROOT,
                "%d channels, %.0f simulated hours: %,d samples%n",
                simulator.channels().size(),
                hours,
                samples.size());

        double coreRate = 0;
        for (int round = 0; round < rounds + 1; round++) { // first round warms the JIT
            long start = System.nanoTime();
            OfflinePipeline offline =
                    new OfflinePipeline(TopologySettings.defaultDetectors(), new OfflinePipeline.Listener() {
                        @Override
                        public void onCycle(CycleSummary cycle) {}

                        @Override
                        public void onAlert(Alert alert) {}
                    });
            simulator.channels().forEach(offline::describe);
            samples.forEach(offline::accept);
            coreRate = samples.size() / ((System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "offline core (baseline):          %,12.0f samples/s%n", coreRate);

        Path dir = Files.createTempDirectory("cellwatch-throughput");
        TopicNames topics = TopicNames.defaults();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), freePort(), freePort())) {
            KafkaRuntime.ensurePipelineTopics(KafkaConnection.plain(kafka.bootstrapServers()), topics, 4, (short) 1);
            try (SampleProducer producer =
                    new SampleProducer(KafkaConnection.plain(kafka.bootstrapServers()), topics)) {
                producer.publish(simulator.channels());
                samples.forEach(producer::send);
                producer.flush();
            }
            for (boolean exactlyOnce : new boolean[] {true, false}) {
                for (int round = 1; round <= rounds; round++) {
                    double rate =
                            timeTopology(kafka.bootstrapServers(), topics, dir, exactlyOnce, round, samples.size());
                    System.out.printf(
                            Locale.ROOT,
                            "topology, %-15s round %d:  %,12.0f samples/s  (core / topology = %.0fx)%n",
                            exactlyOnce ? "exactly_once_v2" : "at_least_once",
                            round,
                            rate,
                            coreRate / rate);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, %s %s, Java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }

    private static double timeTopology(
            String bootstrap, TopicNames topics, Path dir, boolean exactlyOnce, int round, long expected)
            throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String applicationId = "throughput-" + (exactlyOnce ? "eos" : "alo") + "-" + round;
        try (StreamsService service = new StreamsService(
                TopologySettings.defaults().withTopics(topics),
                new StreamsSettings(
                        bootstrap,
                        applicationId,
                        dir.resolve(applicationId),
                        topics.deadLetter(),
                        exactlyOnce,
                        1,
                        1,
                        null),
                registry)) {
            service.start();
            // Steady state only: the clock starts once the application has joined its group,
            // restored its stores and folded its first thousand samples.
            double startCount;
            while ((startCount = folded(registry)) < 1000) {
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            while (folded(registry) < expected) {
                Thread.sleep(20);
            }
            return (expected - startCount) / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double folded(SimpleMeterRegistry registry) {
        return registry.get("cellwatch.samples").counter().count()
                + registry.get("cellwatch.samples.stale").counter().count();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
