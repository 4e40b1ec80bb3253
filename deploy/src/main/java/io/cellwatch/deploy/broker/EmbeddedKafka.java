package io.cellwatch.deploy.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka (broker and controller in one) running inside this JVM, with its log
 * under a data directory that survives restarts. For the demo and for a lab that has no cluster;
 * everywhere else point {@code --bootstrap-servers} at a real one.
 *
 * <p>Kafka's server classes are internal API; this class is the only place that touches them.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats the data directory on first use and starts the broker.
     *
     * @param dataDir        where the log lives (created if missing)
     * @param brokerPort     client port on localhost
     * @param controllerPort KRaft controller port on localhost
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, int controllerPort) throws IOException {
        requireFree(brokerPort, "broker");
        requireFree(controllerPort, "controller");
        Path logDir = dataDir.resolve("log");
        Files.createDirectories(logDir);
        Properties props = serverProperties(logDir, brokerPort, controllerPort);
        return start(dataDir, props, "localhost:" + brokerPort, List.of());
    }

    /**
     * A broker configured by hand (a test's secured listeners): formats {@code dataDir} on first use,
     * with {@code formatOptions} added to the format command (e.g. {@code --add-scram} credentials),
     * and starts it.
     *
     * @param props            the broker's configuration; its {@code log.dirs} must lie under {@code dataDir}
     * @param bootstrapServers where clients reach it, as {@link #bootstrapServers()} tells them
     */
    public static EmbeddedKafka start(
            Path dataDir, Properties props, String bootstrapServers, List<String> formatOptions) throws IOException {
        Files.createDirectories(dataDir);
        if (!Files.exists(Path.of(props.getProperty("log.dirs")).resolve("meta.properties"))) {
            format(dataDir, props, formatOptions);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, bootstrapServers);
    }

    static Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put(
                "advertised.listeners",
                "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A crashed streams instance's open transaction blocks the instance taking over its tasks until it
        // is aborted; Kafka looks for timed-out transactions every 10 s by default, every second here.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // The smallest session timeout a consumer-group member may ask for (Kafka's is 6 s): cellwatch asks
        // for 6 s, which any broker accepts; an operator who wants a crashed instance's tasks to move sooner
        // sets session.timeout.ms lower (--kafka-config, --streams-property) and this on the brokers.
        p.put("group.min.session.timeout.ms", "3000");
        p.put("num.partitions", "4");
        // A demo on a laptop: keep a week of data, or 1 GiB per partition, whichever comes first.
        p.put("log.retention.hours", "168");
        p.put("log.retention.bytes", String.valueOf(1L << 30));
        return p;
    }

    private static void format(Path dataDir, Properties props, List<String> options) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            props.store(writer, "cellwatch embedded broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            List<String> command = new ArrayList<>(
                    List.of("format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            command.addAll(options);
            exit = StorageTool.execute(command.toArray(String[]::new), print);
        }
        if (exit != 0) {
            throw new IOException("could not format the Kafka data directory " + dataDir + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void requireFree(int port, String role) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
        } catch (IOException e) {
            throw new IOException(
                    "port " + port + " for the embedded Kafka " + role
                            + " is in use: pass --broker-port/--controller-port, or --bootstrap-servers to use a running cluster",
                    e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
