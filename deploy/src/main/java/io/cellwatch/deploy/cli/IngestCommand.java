package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.deploy.RunUntilStopped;
import io.cellwatch.ingest.kafka.SampleProducer;
import io.cellwatch.ingest.kafka.SimulationFeed;
import io.cellwatch.ingest.sim.Simulator;
import io.cellwatch.ingest.sim.SimulatorConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Produces cycler samples into Kafka: today from the simulator. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Produces cycler samples to the samples topic (keyed by channel, idempotent) and channel",
            "metadata to the channels topic. --simulate plays simulated channels in accelerated time."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--simulate", required = true, description = "Produce simulated channels.")
    boolean simulate;

    @Option(names = "--channels", defaultValue = "50", description = "Simulated channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--acceleration", defaultValue = "4000",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}).")
    double acceleration;

    @Option(names = "--sample-interval", defaultValue = "30",
            description = "Simulated seconds between a channel's samples (default: ${DEFAULT-VALUE}).")
    double sampleIntervalS;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaRuntime runtime = resources.add("kafka", KafkaRuntime.open(kafka.requireCluster("ingest"), null,
                    0, 0, kafka.topics(), kafka.partitions, kafka.replicationFactor));
            Simulator simulator = Simulator.create(new SimulatorConfig(channels, seed, sampleIntervalS,
                    System.currentTimeMillis(), true));
            SampleProducer producer = resources.add("producer", new SampleProducer(runtime.bootstrapServers(),
                    kafka.topics()));
            SimulationFeed feed = new SimulationFeed(simulator, producer, acceleration);
            resources.startThread("simulator", feed, feed);
            runner.await(Duration.ZERO, Duration.ofSeconds(10), () -> String.format(Locale.ROOT,
                    "[ingest] simulated %.1f h | %,d samples sent", feed.simTimeS() / 3600, feed.samplesSent()));
        } finally {
            runner.done();
        }
        return 0;
    }
}
