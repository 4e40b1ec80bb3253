package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.FailoverTaskAssignor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** What Kafka Streams gets: cellwatch's tuning, which the operator may override, and guarantees, which not. */
class StreamsSettingsTest {
    private static Properties properties(Map<String, String> operator) {
        return new StreamsSettings(
                        KafkaConnection.of("localhost:9092", operator),
                        "cellwatch",
                        Path.of("/var/lib/cellwatch/streams"),
                        "cellwatch.dead-letter",
                        true,
                        1,
                        3,
                        null,
                        "lab-host-1")
                .toProperties();
    }

    private static Object mainConsumer(Properties props, String key) {
        return new StreamsConfig(props).getMainConsumerConfigs("g", "c", 0).get(key);
    }

    @Test
    void aStaticMemberWithAShortSessionAndAStandbyByDefault() {
        Properties props = properties(Map.of());

        assertThat(mainConsumer(props, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("lab-host-1-0");
        assertThat(mainConsumer(props, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))
                .isEqualTo(StreamsSettings.SESSION_TIMEOUT_MS);
        assertThat(props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        // A crashed instance restarts with its state wiped: it must not count as caught up on any task.
        assertThat(new StreamsConfig(props).getLong(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG))
                .isEqualTo(StreamsSettings.ACCEPTABLE_RECOVERY_LAG);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void theMainConsumerFetchesLittleFromEachPartitionTheRestoreConsumerAsKafkaDoes() {
        Properties props = properties(Map.of());
        StreamsConfig config = new StreamsConfig(props);

        assertThat(mainConsumer(props, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                .isEqualTo(StreamsSettings.MAIN_CONSUMER_PARTITION_FETCH_BYTES);
        assertThat(config.getRestoreConsumerConfigs("c").get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                .isNotEqualTo(StreamsSettings.MAIN_CONSUMER_PARTITION_FETCH_BYTES);
        Properties operators = properties(Map.of("main.consumer.max.partition.fetch.bytes", "1048576"));
        assertThat(mainConsumer(operators, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                .isEqualTo("1048576");
    }

    @Test
    void cellwatchsAssignorUnlessTheOperatorChoseOneOrTheBrokerAssigns() {
        assertThat(properties(Map.of()).get(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG))
                .isEqualTo(FailoverTaskAssignor.class.getName());
        assertThat(properties(Map.of("task.assignor.class", "org.example.LabAssignor"))
                        .get(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG))
                .isEqualTo("org.example.LabAssignor");
        assertThat(properties(Map.of("group.protocol", "streams")))
                .doesNotContainKey(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG);
    }

    @Test
    void theOperatorsTimeoutsAndStandbysWinOverCellwatchsTuning() {
        Properties props = properties(Map.of(
                "session.timeout.ms", "6000",
                "num.standby.replicas", "2",
                "commit.interval.ms", "1000"));

        assertThat(mainConsumer(props, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))
                .isEqualTo("6000");
        assertThat(props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo("2");
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("1000");
    }

    @Test
    void theProcessingGuaranteeIsNotTheOperatorsToChange() {
        // A reserved key is refused when the connection is made, before it could reach Kafka Streams.
        assertThatThrownBy(() -> properties(Map.of("processing.guarantee", "at_least_once")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processing.guarantee");
    }

    @Test
    void theStreamsRebalanceProtocolJoinsAsAStaticMemberWithTheGroupsBrokerSideSettings() {
        Properties props = properties(Map.of("group.protocol", "streams"));

        // Kafka 4.4's client takes group.instance.id under this protocol (4.3's refused it); the session
        // timeout and the standbys are the streams group's configuration on the broker.
        assertThat(mainConsumer(props, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("lab-host-1-0");
        assertThat(props).doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "num.standby.replicas");
        assertThat(props.get(StreamsConfig.GROUP_PROTOCOL_CONFIG)).isEqualTo("streams");
    }
}
