package io.cellwatch.deploy;

import io.cellwatch.deploy.broker.EmbeddedKafka;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.model.kafka.TopicProvisioner;
import io.cellwatch.model.kafka.TopicSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka as a command finds it: the user's cluster when one is given, otherwise an embedded broker
 * started here; either way with cellwatch's topics in place.
 */
public final class KafkaRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRuntime.class);
    private final EmbeddedKafka embedded;
    private final KafkaConnection connection;

    private KafkaRuntime(EmbeddedKafka embedded, KafkaConnection connection) {
        this.embedded = embedded;
        this.connection = connection;
    }

    /**
     * @param cluster the user's cluster, or null to start an embedded broker under {@code brokerDir}
     */
    public static KafkaRuntime open(
            KafkaConnection cluster,
            Path brokerDir,
            int brokerPort,
            int controllerPort,
            TopicNames topics,
            int partitions,
            short replicationFactor)
            throws Exception {
        EmbeddedKafka embedded = null;
        KafkaConnection connection = cluster;
        if (connection == null) {
            long start = System.nanoTime();
            embedded = EmbeddedKafka.start(brokerDir, brokerPort, controllerPort);
            connection = KafkaConnection.plain(embedded.bootstrapServers());
            LOG.info(
                    "embedded Kafka broker on {} (data in {}), started in {} ms",
                    embedded.bootstrapServers(),
                    brokerDir,
                    (System.nanoTime() - start) / 1_000_000);
        }
        try {
            ensurePipelineTopics(connection, topics, partitions, replicationFactor);
        } catch (ExecutionException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw new IllegalStateException(
                    "cannot create topics on " + connection.bootstrapServers() + ": "
                            + e.getCause().getMessage(),
                    e);
        }
        return new KafkaRuntime(embedded, connection);
    }

    /**
     * Creates the pipeline's topics when missing; existing topics are left as they are. Samples,
     * external cycles, dead letters, cycles and alerts share one partition count so a channel's data
     * lives on the same partition number everywhere (the topology reads samples, external cycles and
     * dead letters in one task per partition); channels and detection-config are compacted, because
     * only the latest record per key matters.
     *
     * @return the topics it created
     */
    public static List<String> ensurePipelineTopics(
            KafkaConnection kafka, TopicNames topics, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        return TopicProvisioner.ensure(
                kafka,
                "cellwatch-admin",
                List.of(
                        TopicSpec.of(topics.samples(), partitions, replicationFactor),
                        TopicSpec.of(topics.channels(), partitions, replicationFactor)
                                .compacted(),
                        TopicSpec.of(topics.cycles(), partitions, replicationFactor),
                        TopicSpec.of(topics.alerts(), partitions, replicationFactor),
                        TopicSpec.of(topics.deadLetter(), partitions, replicationFactor),
                        TopicSpec.of(topics.externalCycles(), partitions, replicationFactor),
                        // One record (the file in force), read whole by every instance.
                        TopicSpec.of(topics.detectionConfig(), 1, replicationFactor)
                                .compacted()));
    }

    /**
     * Refuses to run the topology unless the topics it merges into one task per partition number have one
     * partition count: created by someone else with other counts (a dead-letter topic made with one
     * partition, samples widened to scale out), a channel's rows would reach two tasks, each with a state
     * of the channel of its own. Only the topology needs this: the ingester and the alert service run on.
     */
    public static void requireCoPartitioned(KafkaConnection kafka, TopicNames topics)
            throws InterruptedException, ExecutionException {
        TopicProvisioner.requireSamePartitions(
                kafka,
                "cellwatch-admin",
                List.of(topics.samples(), topics.deadLetter(), topics.externalCycles()),
                "channel and read together by the topology");
    }

    /** The cluster, as every client of this command reaches it. */
    public KafkaConnection connection() {
        return connection;
    }

    public String bootstrapServers() {
        return connection.bootstrapServers();
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
