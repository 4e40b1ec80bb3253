package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.deploy.RunUntilStopped;
import io.cellwatch.ingest.follow.FileFollower;
import io.cellwatch.ingest.follow.FollowSettings;
import io.cellwatch.ingest.follow.KafkaFollowOutput;
import io.cellwatch.simulator.SimulationFeed;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.http.WebConfig;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Produces cycler samples into Kafka: from files as cyclers write them, or from the simulator. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        header = "Produces samples to Kafka: --follow cycler exports, or --simulate.",
        description = "Produces cycler samples to the samples topic (keyed by channel) and channel metadata to the "
                + "channels topic. --follow tails cycler exports and the binary files cycler software "
                + "writes (files, or directories whose new files are picked up) exactly once across restarts: rows, unreadable rows (to the dead-letter topic) and each file's "
                + "position go in one Kafka transaction. --simulate plays simulated channels in accelerated time.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Exactly one source of samples. */
    static final class Source {
        @Option(names = "--simulate", description = "Produce simulated channels.")
        boolean simulate;

        @Option(
                names = "--follow",
                arity = "1..*",
                paramLabel = "PATH",
                description = "Follow these files and directories (a directory's files, including new ones).")
        List<Path> follow;
    }

    @Mixin
    FileReadingOptions reading;

    @Mixin
    WebOptions web;

    @Option(
            names = "--include",
            paramLabel = "GLOB",
            defaultValue = "*",
            description = "Only files whose name matches, in followed directories (default: ${DEFAULT-VALUE}).")
    String include;

    @Option(
            names = "--ingester-id",
            paramLabel = "ID",
            description = "Names this ingester (transactional id, position keys); ingesters following different "
                    + "files need different ids (default: ingest-HOSTNAME).")
    String ingesterId;

    @Option(
            names = "--poll-interval",
            paramLabel = "MS",
            defaultValue = "500",
            description = "Milliseconds between looks at files that did not grow (default: ${DEFAULT-VALUE}).")
    long pollIntervalMs;

    @Option(
            names = "--lines-per-transaction",
            paramLabel = "N",
            defaultValue = "20000",
            description = "Lines delivered per Kafka transaction at most (default: ${DEFAULT-VALUE}).")
    int linesPerTransaction;

    @Option(
            names = "--close-idle-after",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = DurationConverter.class,
            description = "Close a followed text file unchanged this long, until it changes, so finished tests do"
                    + " not each hold a file descriptor (default: ${DEFAULT-VALUE}; binary files stay open).")
    Duration closeIdleAfter;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "-1",
            description = "Serve /metrics and /health on this port while following (default: off; 0 picks one).")
    int httpPort;

    @Option(
            names = "--http-host",
            paramLabel = "HOST",
            defaultValue = "0.0.0.0",
            description = "Address of the HTTP endpoint (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Mixin
    SimulationOptions simulation;

    /** The wall clock the simulated test starts by; one for the whole command. */
    Clock clock = Clock.systemUTC();

    @Spec
    CommandSpec spec;

    /** The follow options' values, refused naming their flag (the settings would name only their field). */
    private void requireFollowOptions() {
        if (linesPerTransaction < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--lines-per-transaction must be at least 1, was " + linesPerTransaction);
        }
        if (closeIdleAfter.isZero() || closeIdleAfter.isNegative()) {
            throw new ParameterException(
                    spec.commandLine(), "--close-idle-after must be positive, was " + closeIdleAfter);
        }
        if (pollIntervalMs < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--poll-interval must be at least 1 ms, was " + pollIntervalMs);
        }
    }

    /** The glob as the follower will use it, refused naming its flag. */
    private void requireInclude(FollowSettings settings) {
        try {
            settings.includeMatcher();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--include '" + include + "' is not a glob: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        return source.follow != null ? follow() : simulate();
    }

    private int follow() throws Exception {
        WebConfig webConfig = web.config(); // a wrong file stops the command before anything starts
        requireFollowOptions();
        FollowSettings settings = FollowSettings.of(source.follow, reading.catalog())
                .withFormat(reading.forcedFormat())
                .withInclude(include)
                .withPollInterval(Duration.ofMillis(pollIntervalMs))
                .withLinesPerBatch(linesPerTransaction)
                .withCloseIdleAfter(closeIdleAfter);
        requireInclude(settings);
        String id = ingesterId != null ? ingesterId : "ingest-" + hostName();
        // A missing path is followed as a file that may appear later; said here since a mistyped path,
        // or an option --follow took as a path ("--follow DIR --no-such-option"), would wait in silence.
        for (Path path : source.follow) {
            if (!Files.exists(path)) {
                System.err.printf(
                        Locale.ROOT,
                        "[ingest] warning: %s does not exist (yet): followed as a file once it appears%n",
                        path.toAbsolutePath().normalize());
            }
        }
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaRuntime runtime = kafka.open(resources, kafka.requireCluster("ingest"));
            PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
            KafkaFollowOutput output =
                    resources.add("producer", new KafkaFollowOutput(runtime.connection(), kafka.topics.prefix, id));
            FileFollower follower = resources.add("files", new FileFollower(settings, output, registry));
            follower.start();
            if (httpPort >= 0) {
                resources.add("http", HttpApi.start(httpHost, httpPort, registry, follower::running, webConfig));
            }
            HttpApi health = web.startHealthPort(httpHost, follower::running);
            if (health != null) {
                resources.add("health", health);
            }
            resources.startThread("follower", follower, follower::stop);
            long nextProgress = System.nanoTime();
            while (!runner.stopRequested() && follower.running()) {
                if (System.nanoTime() >= nextProgress) {
                    System.err.printf(Locale.ROOT, "[ingest] %,d rows delivered%n", follower.rowsDelivered());
                    nextProgress = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
                Thread.sleep(200);
            }
            if (follower.failure() != null) {
                System.err.println(
                        "error: following stopped: " + follower.failure().getMessage());
                return 1;
            }
        } finally {
            runner.done();
        }
        return 0;
    }

    private int simulate() throws Exception {
        RunUntilStopped runner = new RunUntilStopped();
        try (Resources resources = new Resources()) {
            KafkaRuntime runtime = kafka.open(resources, kafka.requireCluster("ingest"));
            SimulationFeed feed = LiveSimulation.start(
                            resources, runtime.connection(), kafka.topics(), simulation, reading.cell.group, clock)
                    .feed();
            runner.await(
                    Duration.ZERO,
                    Duration.ofSeconds(10),
                    () -> String.format(
                            Locale.ROOT,
                            "[ingest] simulated %.1f h | %,d samples sent",
                            feed.simTimeS() / 3600,
                            feed.samplesSent()));
        } finally {
            runner.done();
        }
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
