package io.cellwatch.testing;

import io.cellwatch.model.kafka.KafkaConnection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link KafkaTestCluster} for the tests of a class: started, with the class's topics created, before
 * its first test and closed after its last, so an integration test states only what it needs:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaClusterExtension kafka = KafkaClusterExtension.withTopics(1, "fence-it.out");
 * }</pre>
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private final int partitions;
    private final String[] topics;
    private KafkaTestCluster cluster;

    private KafkaClusterExtension(int partitions, String... topics) {
        this.partitions = partitions;
        this.topics = topics.clone();
    }

    /** A cluster on which {@code topics} exist, each with {@code partitions} partitions, when the first test runs. */
    public static KafkaClusterExtension withTopics(int partitions, String... topics) {
        return new KafkaClusterExtension(partitions, topics);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = KafkaTestCluster.start();
        if (topics.length > 0) {
            cluster.createTopics(partitions, topics);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster (between the class's first and last test). */
    public KafkaTestCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the Kafka cluster runs only while the test class's tests do");
        }
        return cluster;
    }

    /** The running cluster as cellwatch's clients reach it. */
    public KafkaConnection connection() {
        return cluster().connection();
    }
}
