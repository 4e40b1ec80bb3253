package io.cellwatch.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.model.kafka.KafkaClientProperties.InvalidKafkaConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void variablesNamePropertiesTheWayKafkaImagesDo() {
        assertThat(KafkaClientProperties.propertyKey("CELLWATCH_KAFKA_SECURITY_PROTOCOL"))
                .isEqualTo("security.protocol");
        assertThat(KafkaClientProperties.propertyKey("CELLWATCH_KAFKA_SASL_JAAS_CONFIG"))
                .isEqualTo("sasl.jaas.config");
        assertThat(KafkaClientProperties.propertyKey("CELLWATCH_KAFKA_SSL_TRUSTSTORE_LOCATION"))
                .isEqualTo("ssl.truststore.location");
        assertThat(KafkaClientProperties.propertyKey("CELLWATCH_KAFKA_SOME__ODD___KEY"))
                .isEqualTo("some_odd-key");
    }

    @Test
    void theEnvironmentBeatsTheFileAndOtherVariablesAreIgnored() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                # as for kafka-console-producer --command-config
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                ssl.truststore.location=/etc/ca.p12
                bootstrap.servers=file-broker:9093
                """);
        KafkaClientProperties loaded = KafkaClientProperties.load(
                file,
                Map.of(
                        "CELLWATCH_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                        "CELLWATCH_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "",
                        "CELLWATCH_JAVA_OPTS", "-Xmx1g",
                        "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"));

        assertThat(loaded.properties())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-256",
                        "ssl.truststore.location", "/etc/ca.p12",
                        "ssl.endpoint.identification.algorithm", ""));
        assertThat(loaded.sources())
                .containsEntry("sasl.mechanism", "environment variable CELLWATCH_KAFKA_SASL_MECHANISM")
                .containsEntry("security.protocol", file.toString());
        assertThat(loaded.bootstrapServers()).isEqualTo("file-broker:9093");
    }

    @Test
    void kubernetesServiceLinksOfAServiceNamedCellwatchKafkaAreNotTakenForProperties() {
        // A Strimzi cluster named cellwatch has a Service cellwatch-kafka-bootstrap in the namespace.
        Map<String, String> pod = Map.of(
                "CELLWATCH_KAFKA_BOOTSTRAP_SERVICE_HOST", "10.96.0.12",
                "CELLWATCH_KAFKA_BOOTSTRAP_SERVICE_PORT", "9093",
                "CELLWATCH_KAFKA_BOOTSTRAP_SERVICE_PORT_TCP_CLIENTSTLS", "9093",
                "CELLWATCH_KAFKA_BOOTSTRAP_PORT", "tcp://10.96.0.12:9093",
                "CELLWATCH_KAFKA_BOOTSTRAP_PORT_9093_TCP", "tcp://10.96.0.12:9093",
                "CELLWATCH_KAFKA_BOOTSTRAP_PORT_9093_TCP_ADDR", "10.96.0.12",
                "CELLWATCH_KAFKA_BOOTSTRAP_PORT_9093_TCP_PROTO", "tcp",
                "CELLWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        KafkaClientProperties props = KafkaClientProperties.load(null, pod);
        assertThat(props.properties()).containsOnlyKeys("security.protocol");
    }

    @Test
    void theFlagBeatsBootstrapServersFromTheEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file-broker:9093\n");
        KafkaClientProperties fileOnly = KafkaClientProperties.load(file, Map.of());
        KafkaClientProperties withEnv =
                KafkaClientProperties.load(file, Map.of("CELLWATCH_KAFKA_BOOTSTRAP_SERVERS", "env-broker:9093"));

        assertThat(fileOnly.connection(null).bootstrapServers()).isEqualTo("file-broker:9093");
        assertThat(withEnv.connection(null).bootstrapServers()).isEqualTo("env-broker:9093");
        assertThat(withEnv.connection("flag-broker:9093").bootstrapServers()).isEqualTo("flag-broker:9093");
        assertThatThrownBy(() -> KafkaClientProperties.none().connection(" "))
                .hasMessageContaining("--bootstrap-servers");
    }

    @Test
    void aKeyCellwatchSetsItselfIsRefusedNamingWhereItCameFrom() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nisolation.level=read_uncommitted\n");
        assertThatThrownBy(() -> KafkaClientProperties.load(file, Map.of()))
                .isInstanceOf(InvalidKafkaConfigException.class)
                .hasMessage(file + ": 'isolation.level' is set by cellwatch itself for each client"
                        + " (its guarantees or client ids depend on it)");
        assertThatThrownBy(() -> KafkaClientProperties.load(null, Map.of("CELLWATCH_KAFKA_GROUP_ID", "mine")))
                .hasMessageStartingWith("environment variable CELLWATCH_KAFKA_GROUP_ID: 'group.id'");
    }

    @Test
    void anUnreadableFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> KafkaClientProperties.load(missing, Map.of()))
                .isInstanceOf(InvalidKafkaConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read Kafka client properties");
    }
}
