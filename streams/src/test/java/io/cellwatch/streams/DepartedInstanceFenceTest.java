package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Which open transactions the group's leader fences (only stream threads' of this application whose
 * instance is not in the group), and that its admin client connects as the instance's clients do.
 */
class DepartedInstanceFenceTest {
    private static final String APP = "chaos-streams";
    private static final UUID LIVE = UUID.fromString("022afe0b-f01e-4399-946e-7137144c1f65");
    private static final UUID DEPARTED = UUID.fromString("14f3cb27-73dd-4637-a8e0-da9fd485f45c");

    @Test
    void theThreadsOfADepartedInstanceAreFencedAndThoseOfLiveOnesAreNot() {
        List<String> ongoing = List.of(
                APP + "-" + DEPARTED + "-1",
                APP + "-" + DEPARTED + "-2",
                APP + "-" + LIVE + "-1",
                APP + "-" + LIVE + "-2");

        assertThat(DepartedInstanceFence.departed(ongoing, APP, Set.of(LIVE)))
                .containsExactly(APP + "-" + DEPARTED + "-1", APP + "-" + DEPARTED + "-2");
        assertThat(DepartedInstanceFence.departed(ongoing, APP, Set.of(LIVE, DEPARTED)))
                .isEmpty();
    }

    @Test
    void otherApplicationsAndIdsOfAnyOtherLayoutAreLeftAlone() {
        List<String> ongoing = List.of(
                // another application, one whose id starts with this one's, one this one's starts with
                "other-app-" + DEPARTED + "-1",
                APP + "-x-" + DEPARTED + "-1",
                "chaos-" + DEPARTED + "-1",
                // the ingester's and other clients' ids
                "chaos-ingest-ingester-1",
                APP + "-ingester-1",
                // near misses: no thread index, not a number, a zero index, no canonical process id
                APP + "-" + DEPARTED,
                APP + "-" + DEPARTED + "-fence",
                APP + "-" + DEPARTED + "-0",
                APP + "-" + DEPARTED + "-1-extra",
                APP + "-1-2-3-4-5-1",
                APP + "-" + DEPARTED.toString().toUpperCase() + "-1");

        assertThat(DepartedInstanceFence.departed(ongoing, APP, Set.of(LIVE))).isEmpty();
    }

    @Test
    void theAdminClientConnectsAsTheConsumerTheAssignorIsConfiguredWith() {
        Map<String, String> operator = Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/cellwatch/truststore.p12");

        Map<String, Object> admin = DepartedInstanceFence.forAssignorConfig(assignorConfig(operator, true))
                .orElseThrow()
                .adminConfig();

        assertThat(admin)
                .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("ssl.truststore.location", "/etc/cellwatch/truststore.p12")
                .containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "fence-test-departed-instance-fence")
                // the consumer's own keys stay with the consumer
                .doesNotContainKeys("isolation.level", "group.id", "group.instance.id", "max.partition.fetch.bytes");
    }

    @Test
    void withoutExactlyOnceThereIsNothingToFence() {
        assertThat(DepartedInstanceFence.forAssignorConfig(assignorConfig(Map.of(), false)))
                .isEmpty();
    }

    /**
     * What Kafka Streams configures a {@code task.assignor.class} with: its main consumer's configuration
     * (Kafka Streams 4.3.1, {@code AssignorConfiguration.customTaskAssignor}).
     */
    private static Map<String, Object> assignorConfig(Map<String, String> operator, boolean exactlyOnce) {
        return new StreamsConfig(settings(operator, exactlyOnce).toProperties())
                .getMainConsumerConfigs("fence-test", "fence-test-StreamThread-1-consumer", 1);
    }

    private static StreamsSettings settings(Map<String, String> operator, boolean exactlyOnce) {
        return new StreamsSettings(
                KafkaConnection.of("broker-1:9093", operator),
                "fence-test",
                Path.of("/tmp/fence-test-state"),
                "fence-test.dead-letter",
                exactlyOnce,
                1,
                3,
                null,
                "fence-test-instance");
    }
}
