package io.cellwatch.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"cellwatch\" password=\"s3cret\";";
    private final KafkaConnection secured = KafkaConnection.of(
            "broker-1:9093",
            Map.of(
                    "security.protocol", "SASL_SSL",
                    "sasl.mechanism", "SCRAM-SHA-512",
                    "sasl.jaas.config", JAAS,
                    "linger.ms", "50"));

    @Test
    void everyKindOfClientGetsTheOperatorsPropertiesAndTheBootstrapServers() {
        for (Properties props : new Properties[] {
            secured.producer("p", Map.of()),
            secured.transactionalProducer("t", "tx-1", Map.of()),
            secured.consumer("c", "group", Map.of()),
            secured.consumer("reader", null, Map.of()),
            secured.admin("a"),
            secured.clientProperties()
        }) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", "broker-1:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS);
        }
    }

    @Test
    void theOperatorBeatsTuningAndCellwatchsGuaranteesBeatTheOperator() {
        Properties producer = secured.producer("ledger", Map.of("linger.ms", 0, "request.timeout.ms", 10_000));
        assertThat(producer)
                .containsEntry("linger.ms", "50")
                .containsEntry("request.timeout.ms", 10_000)
                .containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("client.id", "ledger");
        assertThat(secured.transactionalProducer("ingest", "cellwatch-ingest-lab3", Map.of()))
                .containsEntry("transactional.id", "cellwatch-ingest-lab3");
        assertThat(secured.consumer("alerts", "cellwatch-alerts", Map.of("max.poll.records", 100)))
                .containsEntry("group.id", "cellwatch-alerts")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("max.poll.records", 100);
        assertThat(secured.consumer("reader", null, Map.of())).doesNotContainKey("group.id");
    }

    @Test
    void theStreamsRebalanceProtocolGoesToKafkaStreamsOnlyNotToThePlainConsumers() {
        KafkaConnection kip1071 = KafkaConnection.of("b:1", Map.of("group.protocol", "streams"));
        assertThat(kip1071.consumer("alerts", "cellwatch-alerts", Map.of())).doesNotContainKey("group.protocol");
        assertThat(kip1071.clientProperties()).containsEntry("group.protocol", "streams");
        KafkaConnection consumerProtocol = KafkaConnection.of("b:1", Map.of("group.protocol", "consumer"));
        assertThat(consumerProtocol.consumer("alerts", "cellwatch-alerts", Map.of()))
                .containsEntry("group.protocol", "consumer");
    }

    @Test
    void reservedKeysAreRefusedAndSecretsNeverPrinted() {
        assertThatThrownBy(() -> KafkaConnection.of("b:1", Map.of("enable.idempotence", "false")))
                .hasMessageContaining("'enable.idempotence' is set by cellwatch itself");
        assertThatThrownBy(() -> KafkaConnection.of("b:1", Map.of("bootstrap.servers", "x:1")))
                .hasMessageContaining("use --bootstrap-servers");
        // Kafka Streams' settings cellwatch takes from its flags, and reserved keys behind a client prefix:
        // set after the operator's properties, they were silently overwritten.
        assertThatThrownBy(() -> KafkaConnection.of("b:1", Map.of("num.stream.threads", "4")))
                .hasMessageContaining("'num.stream.threads' is set by cellwatch from --threads");
        assertThatThrownBy(() -> KafkaConnection.of("b:1", Map.of("replication.factor", "3")))
                .hasMessageContaining("--replication-factor");
        assertThatThrownBy(() -> KafkaConnection.of("b:1", Map.of("consumer.auto.offset.reset", "latest")))
                .hasMessageContaining("'consumer.auto.offset.reset' is set by cellwatch itself");
        assertThatThrownBy(() -> KafkaConnection.of("b:1", Map.of("main.consumer.group.instance.id", "x")))
                .hasMessageContaining("main.consumer.group.instance.id");
        assertThat(KafkaConnection.of("b:1", Map.of("main.consumer.fetch.max.bytes", "1048576")))
                .as("an ordinary prefixed setting")
                .isNotNull();
        assertThat(secured.toString())
                .contains("broker-1:9093", "sasl.jaas.config")
                .doesNotContain("s3cret");
    }
}
