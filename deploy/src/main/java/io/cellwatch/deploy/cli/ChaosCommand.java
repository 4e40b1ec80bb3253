package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.chaos.ChaosReport;
import io.cellwatch.deploy.chaos.ChaosRun;
import io.cellwatch.deploy.chaos.ChaosSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The pipeline under SIGKILLs and broker restarts, checked against replay of the same samples. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        header =
                "Kills streams instances, brokers, the ingester and the alert service while data flows; checks exactly-once.",
        description = {
            "Starts a 3-broker KRaft cluster (replication factor 3, min.insync.replicas 2), a simulated fleet",
            "writing cycler files, `cellwatch ingest --follow` on them, two `cellwatch streams` instances and",
            "`cellwatch alerts` with a webhook and pause requests, each its own JVM. While the fleet writes, a streams instance is",
            "killed with SIGKILL every --kill-every-min to --kill-every-max seconds and restarted (--streams-kills",
            "times), brokers are killed and restarted (the first time with the ingester killed too), and the alert",
            "service is killed and restarted. Then, reading with read_committed, it checks every sample once, every cycle",
            "summary and alert event equal to `replay` of the same files, nothing dead-lettered, and every",
            "alert event at the webhook once (a second copy only marked as a redelivery), and one pause request",
            "per episode that reached critical. Prints the counts and each kill's recovery time (and when",
            "the restarted JVM answered /health) against the 10 s goal; exit code 1 on any mismatch.",
            "Needs about 3 GB of memory."
        })
public final class ChaosCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Cluster data, files, state and logs (default: STATE_DIR/chaos, emptied first).")
    Path workDir;

    @Option(names = "--channels", defaultValue = "200", description = "Simulated channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(
            names = "--failure-copies",
            defaultValue = "2",
            description = "Channels of each failure scenario (default: ${DEFAULT-VALUE}).")
    int failureCopies;

    @Option(
            names = "--sample-interval",
            defaultValue = "120",
            paramLabel = "SECONDS",
            description = "Simulated seconds between a channel's samples (default: ${DEFAULT-VALUE}).")
    double sampleIntervalS;

    @Option(
            names = "--acceleration",
            defaultValue = "1200",
            paramLabel = "X",
            description =
                    "Simulated seconds the fleet writes per second, until every kill is done (default: ${DEFAULT-VALUE}).")
    double acceleration;

    @Option(
            names = "--streams-kills",
            defaultValue = "12",
            paramLabel = "N",
            description = "SIGKILLs of a streams instance (default: ${DEFAULT-VALUE}).")
    int streamsKills;

    @Option(
            names = "--partitions",
            defaultValue = "6",
            description = "Partitions of cellwatch's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--kill-every-min",
            defaultValue = "10",
            paramLabel = "SECONDS",
            description = "Shortest wait between streams kills (default: ${DEFAULT-VALUE}).")
    long killEveryMin;

    @Option(
            names = "--kill-every-max",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Longest wait between streams kills (default: ${DEFAULT-VALUE}).")
    long killEveryMax;

    @Option(
            names = "--broker-restarts",
            defaultValue = "2",
            description = "Broker SIGKILL-and-restarts in the window (default: ${DEFAULT-VALUE}).")
    int brokerRestarts;

    @Option(
            names = "--alert-service-kills",
            defaultValue = "2",
            description = "Alert-service SIGKILLs in the window (default: ${DEFAULT-VALUE}).")
    int alertServiceKills;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "Fleet and kill schedule seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--streams-property",
            paramLabel = "KEY=VALUE",
            description = "A Kafka Streams property for both streams instances, as in their --kafka-config"
                    + " (e.g. commit.interval.ms=1000, group.protocol=streams); repeatable.")
    Map<String, String> streamsProperties = new LinkedHashMap<>();

    @Option(
            names = "--broker-property",
            paramLabel = "KEY=VALUE",
            description =
                    "A property for every broker of the run's cluster (e.g. group.streams.session.timeout.ms=6000);"
                            + " repeatable.")
    Map<String, String> brokerProperties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir.toAbsolutePath() : state.root().resolve("chaos");
        DemoCommand.deleteRecursively(dir);
        ChaosReport report = ChaosRun.run(
                new ChaosSettings(
                        dir,
                        channels,
                        failureCopies,
                        sampleIntervalS,
                        acceleration,
                        partitions,
                        streamsKills,
                        Duration.ofSeconds(killEveryMin),
                        Duration.ofSeconds(killEveryMax),
                        brokerRestarts,
                        alertServiceKills,
                        seed,
                        streamsProperties,
                        brokerProperties),
                System.err);
        report.print(System.out);
        return report.passed() ? 0 : 1;
    }
}
