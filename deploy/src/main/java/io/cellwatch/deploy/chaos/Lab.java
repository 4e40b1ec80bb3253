package io.cellwatch.deploy.chaos;

import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.deploy.cli.CellwatchCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The cellwatch processes of a chaos run, each its own JVM running the real commands: two
 * {@code cellwatch streams} instances, {@code cellwatch ingest --follow} on the fleet's files, and
 * {@code cellwatch alerts} delivering to the webhook. Each keeps its command line (and so its
 * state directory, ports and ids) across kills, as a restarted container does.
 */
final class Lab implements AutoCloseable {
    static final String APPLICATION_ID = "chaos-streams";
    static final String ALERTS_GROUP = "chaos-alerts";
    static final String INGESTER_ID = "chaos-lab";

    private final List<ChildJvm> streams = new ArrayList<>();
    private final Map<String, Integer> httpPorts = new HashMap<>();
    private final Map<String, String> instanceIds = new HashMap<>();
    private final ChildJvm ingester;
    private final ChildJvm alerts;
    private final ClassDataArchive classData;

    /**
     * @param streamsProperties given to both streams instances as their {@code --kafka-config} (empty: none)
     */
    Lab(
            Path dir,
            String bootstrapServers,
            String topicPrefix,
            int partitions,
            Path labFiles,
            String webhookUrl,
            Map<String, String> streamsProperties)
            throws IOException {
        List<String> kafka = List.of(
                "--bootstrap-servers",
                bootstrapServers,
                "--topic-prefix",
                topicPrefix,
                "--partitions",
                Integer.toString(partitions),
                "--replication-factor",
                Integer.toString(KraftCluster.NODES));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        // The streams instances say when they restore and when they run again: what a recovery is made of.
        Path logging = logs.resolve("log4j2-streams.xml");
        try (InputStream config = Lab.class.getResourceAsStream("log4j2-streams.xml")) {
            Files.copy(config, logging);
        }
        List<String> streamsJvm = new ArrayList<>(jvm("384m"));
        streamsJvm.add("-Dlog4j2.configurationFile=" + logging);
        List<String> streamsConfig = List.of();
        if (!streamsProperties.isEmpty()) {
            Path file = logs.resolve("streams.properties");
            Properties props = new Properties();
            props.putAll(streamsProperties);
            try (Writer writer = Files.newBufferedWriter(file)) {
                props.store(writer, "the chaos run's --streams-property values");
            }
            streamsConfig = List.of("--kafka-config", file.toString());
        }
        this.classData = new ClassDataArchive(dir);
        int[] freePorts = LoopbackPorts.free(2); // one for each instance's HTTP endpoint
        for (String instance : List.of("a", "b")) {
            int port = freePorts[instance.equals("a") ? 0 : 1];
            List<String> args = command(
                    "streams",
                    kafka,
                    "--application-id",
                    APPLICATION_ID,
                    "--state-dir",
                    dir.resolve("streams-" + instance).toString(),
                    "--http-host",
                    "127.0.0.1",
                    "--http-port",
                    Integer.toString(port),
                    "--application-server",
                    "localhost:" + port,
                    "--instance-id",
                    "chaos-" + instance);
            args.addAll(streamsConfig);
            streams.add(new ChildJvm("streams-" + instance, streamsJvm, CellwatchCli.class.getName(), args, logs)
                    .startOptions(classData::options));
            httpPorts.put("streams-" + instance, port);
            instanceIds.put("streams-" + instance, "chaos-" + instance);
        }
        List<String> ingest = command(
                "ingest",
                kafka,
                "--follow",
                labFiles.toString(),
                "--ingester-id",
                INGESTER_ID,
                "--poll-interval",
                "200");
        this.ingester = new ChildJvm("ingester", jvm("256m"), CellwatchCli.class.getName(), ingest, logs);
        List<String> alert = command(
                "alerts",
                kafka,
                "--group-id",
                ALERTS_GROUP,
                "--webhook-url",
                webhookUrl,
                "--pause-on-severity",
                "critical",
                "--metrics-host",
                "127.0.0.1",
                "--metrics-port",
                "0");
        this.alerts = new ChildJvm("alert-service", jvm("256m"), CellwatchCli.class.getName(), alert, logs);
    }

    /** Options of every JVM of a chaos run: a heap size and one GC thread (seven JVMs share a small machine). */
    static List<String> jvm(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC");
    }

    void start() throws IOException {
        alerts.start();
        for (ChildJvm instance : streams) {
            instance.start();
        }
        ingester.start();
    }

    /**
     * Stops the first streams instance cleanly, so that the class-data archive it recorded is written
     * ({@link ClassDataArchive}), and starts it again mapping it; a clean restart within the session keeps
     * its tasks (static membership). Every later start of either instance maps the archive.
     *
     * @return whether the archive is in use from now on
     */
    /** Why restarts cannot use a class-data archive here, when they cannot (then there is nothing to record). */
    Optional<String> classArchiveUnavailable() {
        return classData.unavailable();
    }

    boolean recordClassArchive() throws IOException, InterruptedException {
        ChildJvm first = streams.get(0);
        first.stop(60);
        boolean adopted = classData.adopt();
        first.start();
        return adopted;
    }

    List<ChildJvm> streams() {
        return streams;
    }

    /** The {@code /health} address of a streams instance (it answers once its JVM is up). */
    URI health(ChildJvm instance) {
        return URI.create("http://127.0.0.1:" + httpPorts.get(instance.name()) + "/health");
    }

    /** The static group name ({@code --instance-id}) of a streams instance; Kafka Streams appends each thread's index. */
    String instanceId(ChildJvm instance) {
        return instanceIds.get(instance.name());
    }

    ChildJvm ingester() {
        return ingester;
    }

    ChildJvm alerts() {
        return alerts;
    }

    /** Children that died without being killed (a crash of their own), by name. */
    List<String> dead() {
        List<String> dead = new ArrayList<>();
        for (ChildJvm child : all()) {
            if (!child.alive()) {
                dead.add(child.name());
            }
        }
        return dead;
    }

    private List<ChildJvm> all() {
        List<ChildJvm> all = new ArrayList<>(streams);
        all.add(ingester);
        all.add(alerts);
        return all;
    }

    /** A cellwatch command line: the command, the cluster's arguments every process shares, then its own. */
    private static List<String> command(String name, List<String> cluster, String... own) {
        List<String> args = new ArrayList<>();
        args.add(name);
        args.addAll(cluster);
        args.addAll(List.of(own));
        return args;
    }

    /** Stops everything in order (SIGTERM): the ingester first, then the pipeline, then delivery. */
    @Override
    public void close() throws InterruptedException {
        ingester.stop(20);
        for (ChildJvm instance : streams) {
            instance.stop(30);
        }
        alerts.stop(20);
    }
}
