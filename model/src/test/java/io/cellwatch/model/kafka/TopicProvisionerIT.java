package io.cellwatch.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.testing.KafkaTestCluster;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void createsWhatIsMissingWithPartitionsAndConfigsAndLeavesTheRestAlone() throws Exception {
        KafkaConnection connection = kafka.connection();
        kafka.createTopics(3, "tp.existing");
        List<TopicSpec> wanted = List.of(
                TopicSpec.of("tp.existing", 1, (short) 1),
                TopicSpec.of("tp.plain", 2, (short) 1),
                TopicSpec.of("tp.ledger", 1, (short) -1).compacted());

        assertThat(TopicProvisioner.ensure(connection, "tp-test", wanted))
                .containsExactlyInAnyOrder("tp.plain", "tp.ledger");
        assertThat(TopicProvisioner.ensure(connection, "tp-test", wanted)).isEmpty();

        try (Admin admin = Admin.create(connection.admin("tp-check"))) {
            var described = admin.describeTopics(List.of("tp.existing", "tp.plain", "tp.ledger"))
                    .allTopicNames()
                    .get();
            assertThat(described.get("tp.existing").partitions()).hasSize(3);
            assertThat(described.get("tp.plain").partitions()).hasSize(2);
            ConfigResource ledger = new ConfigResource(ConfigResource.Type.TOPIC, "tp.ledger");
            Config config = admin.describeConfigs(List.of(ledger)).all().get().get(ledger);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void anExistingTopicWithFewerPartitionsThanAskedIsNamedAndLeftAlone() throws Exception {
        kafka.createTopics(1, "tp.made-by-a-reader");
        kafka.createTopics(4, "tp.made-wider");
        List<TopicSpec> wanted =
                List.of(TopicSpec.of("tp.made-by-a-reader", 2, (short) 1), TopicSpec.of("tp.made-wider", 2, (short) 1));
        try (Admin admin = Admin.create(kafka.connection().admin("tp-check"))) {
            assertThat(TopicProvisioner.partitionShortfalls(admin, wanted))
                    .singleElement()
                    .asString()
                    .startsWith("topic tp.made-by-a-reader exists with 1 partition(s), fewer than the 2 asked");
            assertThat(TopicProvisioner.ensure(kafka.connection(), "tp-test", wanted))
                    .isEmpty();
            assertThat(admin.describeTopics(List.of("tp.made-by-a-reader"))
                            .allTopicNames()
                            .get()
                            .get("tp.made-by-a-reader")
                            .partitions())
                    .hasSize(1);
        }
    }

    @Test
    void topicsReadTogetherWithDifferentPartitionCountsAreRefusedNamingEach() throws Exception {
        kafka.createTopics(4, "tp.samples", "tp.external");
        kafka.createTopics(1, "tp.dead-letter");
        assertThatThrownBy(() -> TopicProvisioner.requireSamePartitions(
                        kafka.connection(),
                        "tp-check",
                        List.of("tp.samples", "tp.dead-letter", "tp.external"),
                        "channel"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tp.samples has 4, tp.dead-letter has 1, tp.external has 4")
                .hasMessageContaining("with 4 partitions");
        TopicProvisioner.requireSamePartitions(
                kafka.connection(), "tp-check", List.of("tp.samples", "tp.external"), "channel");
    }

    @Test
    void instancesCreatingTheSameTopicsAtOnceAllSucceed() throws Exception {
        List<TopicSpec> wanted =
                List.of(TopicSpec.of("tp.race-a", 2, (short) 1), TopicSpec.of("tp.race-b", 2, (short) 1));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<List<String>> instance = () -> TopicProvisioner.ensure(kafka.connection(), "tp-race", wanted);
            List<Future<List<String>>> runs = pool.invokeAll(List.of(instance, instance, instance));
            List<String> created = new java.util.ArrayList<>();
            for (Future<List<String>> run : runs) {
                created.addAll(run.get());
            }
            assertThat(created).containsExactlyInAnyOrder("tp.race-a", "tp.race-b");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTopicTheClusterCannotHoldIsKafkasReason() {
        assertThatThrownBy(() -> TopicProvisioner.ensure(
                        kafka.connection(), "tp-test", List.of(TopicSpec.of("tp.too-replicated", 1, (short) 3))))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InvalidReplicationFactorException.class);
    }
}
