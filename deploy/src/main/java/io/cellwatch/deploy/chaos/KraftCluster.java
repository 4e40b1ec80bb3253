package io.cellwatch.deploy.chaos;

import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.model.kafka.KafkaConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A three-node KRaft cluster of separate broker processes on loopback (each node broker and
 * controller, as small production clusters run), replication factor 3 and {@code min.insync.replicas}
 * 2 for every topic, Kafka's internal ones included: one node may be down and every write still
 * reaches two replicas. A node can be killed with SIGKILL and started again on its data.
 *
 * <p>Nodes run Kafka's own {@code kafka.Kafka} main on this JVM's class path; only the storage
 * format step (Kafka's {@code StorageTool}) runs in this process.
 */
final class KraftCluster implements AutoCloseable {
    static final int NODES = 3;
    private static final Duration READY = Duration.ofSeconds(120);

    private final List<ChildJvm> nodes = new ArrayList<>();
    private final List<Integer> brokerPorts = new ArrayList<>();
    private final String bootstrapServers;

    private KraftCluster(Path dir, Map<String, String> extraProperties) throws IOException {
        List<Integer> controllerPorts = new ArrayList<>();
        int[] ports = LoopbackPorts.free(2 * NODES);
        for (int i = 0; i < NODES; i++) {
            brokerPorts.add(ports[2 * i]);
            controllerPorts.add(ports[2 * i + 1]);
        }
        String voters = "";
        for (int i = 0; i < NODES; i++) {
            voters += (i == 0 ? "" : ",") + (i + 1) + "@localhost:" + controllerPorts.get(i);
        }
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < NODES; i++) {
            int id = i + 1;
            Path nodeDir = Files.createDirectories(dir.resolve("node-" + id));
            Properties props = nodeProperties(id, brokerPorts.get(i), controllerPorts.get(i), voters, nodeDir);
            props.putAll(extraProperties);
            Path config = nodeDir.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(config)) {
                props.store(writer, "cellwatch chaos cluster, node " + id);
            }
            format(config, clusterId);
            nodes.add(new ChildJvm("broker-" + id, Lab.jvm("384m"), "kafka.Kafka", List.of(config.toString()), dir));
        }
        this.bootstrapServers = brokerPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /**
     * Formats and starts every node; returns once all three brokers serve.
     *
     * @param extraProperties added to every node's properties, replacing the chaos defaults
     */
    static KraftCluster start(Path dir, Map<String, String> extraProperties) throws Exception {
        KraftCluster cluster = new KraftCluster(dir, extraProperties);
        try {
            for (ChildJvm node : cluster.nodes) {
                node.start();
            }
            cluster.awaitBrokers(Set.of(1, 2, 3));
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    static Properties nodeProperties(int id, int brokerPort, int controllerPort, String voters, Path nodeDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(id));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", nodeDir.resolve("log").toString());
        p.put("num.partitions", "6");
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("unclean.leader.election.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A crashed streams instance leaves a transaction open; until it is aborted, the instance taking
        // over its tasks cannot read their committed offsets. Kafka looks for timed-out transactions every
        // 10 s by default, which could add 10 s to a failover; every second costs the coordinator little.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // The smallest session timeout a consumer-group member may ask for (Kafka's is 6 s): cellwatch asks
        // for 6 s, which any broker accepts; an operator who wants a crashed instance's tasks to move sooner
        // sets session.timeout.ms lower (--kafka-config, --streams-property) and this on the brokers.
        p.put("group.min.session.timeout.ms", "3000");
        // Few threads: three brokers share a small machine with the application under test.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("log.cleaner.threads", "1");
        p.put("background.threads", "2");
        return p;
    }

    private static void format(Path config, String clusterId) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, print);
        }
        if (exit != 0) {
            throw new IOException("could not format " + config + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** SIGKILL to node {@code id} (1–3). */
    void kill(int id) throws InterruptedException {
        nodes.get(id - 1).kill();
    }

    /** Starts node {@code id} again on its data; returns once it serves as a broker. */
    void restart(int id) throws Exception {
        nodes.get(id - 1).start();
        awaitBrokers(Set.of(id));
    }

    /** Until every partition of every topic has all its replicas in sync again (a rolling restart waits for this). */
    void awaitFullyReplicated(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lagging = List.of("?");
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                        .names()
                        .get();
                lagging = underReplicated(
                        admin.describeTopics(topics).allTopicNames().get().values());
                if (lagging.isEmpty()) {
                    return;
                }
            } catch (Exception notNow) {
                // a controller election or a broker still starting: ask again
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("partitions still under-replicated after " + timeout + ": " + lagging);
    }

    private static List<String> underReplicated(Collection<TopicDescription> topics) {
        List<String> lagging = new ArrayList<>();
        for (TopicDescription topic : topics) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.isr().size() < partition.replicas().size()) {
                    lagging.add(topic.name() + "-" + partition.partition());
                }
            }
        }
        return lagging;
    }

    private void awaitBrokers(Set<Integer> ids) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            for (int id : ids) {
                if (!nodes.get(id - 1).alive()) {
                    throw new IllegalStateException("Kafka node " + id + " exited; see "
                            + nodes.get(id - 1).log());
                }
            }
            try (Admin admin = admin()) {
                Set<Integer> serving = admin.describeCluster().nodes().get().stream()
                        .map(Node::id)
                        .collect(Collectors.toSet());
                if (serving.containsAll(ids)) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("Kafka nodes " + ids + " not serving within " + READY);
    }

    Admin admin() {
        Properties props = KafkaConnection.plain(bootstrapServers).admin("chaos-cluster");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    @Override
    public void close() throws InterruptedException {
        for (ChildJvm node : nodes) {
            node.stop(20);
        }
    }
}
