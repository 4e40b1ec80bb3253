package io.cellwatch.deploy;

import io.cellwatch.deploy.broker.EmbeddedKafka;
import io.cellwatch.deploy.broker.TopicProvisioner;
import io.cellwatch.model.TopicNames;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka as a command finds it: the user's cluster when bootstrap servers are given, otherwise an
 * embedded broker started here; either way with cellwatch's topics in place.
 */
public final class KafkaRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRuntime.class);
    private final EmbeddedKafka embedded;
    private final String bootstrapServers;

    private KafkaRuntime(EmbeddedKafka embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param bootstrapServers the user's cluster, or null to start an embedded broker under {@code brokerDir}
     */
    public static KafkaRuntime open(
            String bootstrapServers,
            Path brokerDir,
            int brokerPort,
            int controllerPort,
            TopicNames topics,
            int partitions,
            short replicationFactor)
            throws Exception {
        EmbeddedKafka embedded = null;
        String bootstrap = bootstrapServers;
        if (bootstrap == null || bootstrap.isBlank()) {
            long start = System.nanoTime();
            embedded = EmbeddedKafka.start(brokerDir, brokerPort, controllerPort);
            bootstrap = embedded.bootstrapServers();
            LOG.info(
                    "embedded Kafka broker on {} (data in {}), started in {} ms",
                    bootstrap,
                    brokerDir,
                    (System.nanoTime() - start) / 1_000_000);
        }
        try {
            TopicProvisioner.ensureTopics(bootstrap, topics, partitions, replicationFactor);
        } catch (ExecutionException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw new IllegalStateException(
                    "cannot create topics on " + bootstrap + ": " + e.getCause().getMessage(), e);
        }
        return new KafkaRuntime(embedded, bootstrap);
    }

    public String bootstrapServers() {
        return bootstrapServers;
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
