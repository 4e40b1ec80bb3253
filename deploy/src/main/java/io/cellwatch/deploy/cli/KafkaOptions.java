package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaClientProperties;
import io.cellwatch.model.kafka.KafkaClientProperties.InvalidKafkaConfigException;
import io.cellwatch.model.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where Kafka is, how cellwatch's clients reach it and how its topics are named and sized; shared by every
 * command that talks to a Kafka cluster.
 */
public final class KafkaOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description =
                    "Kafka cluster to use (or bootstrap.servers in --kafka-config, CELLWATCH_KAFKA_BOOTSTRAP_SERVERS)."
                            + " Without one, demo starts an embedded single-node broker; ingest, streams and alerts"
                            + " refuse to start.")
    String bootstrapServers;

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description = {
                "Java properties applied to every Kafka client cellwatch creates (producers, consumers, admin, Kafka Streams),"
                        + " like the Kafka tools' --command-config: security.protocol, sasl.*, ssl.*, timeouts.",
                "CELLWATCH_KAFKA_* environment variables set the same and win over the file"
                        + " (CELLWATCH_KAFKA_SECURITY_PROTOCOL is security.protocol)."
            })
    Path kafkaConfig;

    @Mixin
    TopicOptions topics;

    /** Where {@code CELLWATCH_KAFKA_*} variables are read from. */
    Map<String, String> environment = System.getenv();

    private KafkaClientProperties clientProperties;

    public TopicNames topics() {
        return topics.names();
    }

    /**
     * The user's cluster ({@link #requireCluster}) for a command, closed with its resources, with
     * cellwatch's topics in place; {@link EmbeddedBrokerOptions#open} is for the commands that may start
     * a broker of their own.
     */
    public KafkaRuntime open(Resources resources, KafkaConnection cluster) throws Exception {
        return resources.add(
                "kafka",
                KafkaRuntime.open(
                        Objects.requireNonNull(cluster, "cluster"),
                        null,
                        0,
                        0,
                        topics(),
                        topics.partitions,
                        topics.replicationFactor));
    }

    /** The user's cluster; commands meant for real deployments refuse to start a broker of their own. */
    public KafkaConnection requireCluster(String command) {
        if (embedded()) {
            throw new ParameterException(
                    mixee.commandLine(),
                    command
                            + " needs --bootstrap-servers (start one with `cellwatch broker`, or use `cellwatch demo`)");
        }
        return cluster();
    }

    /**
     * The user's cluster with the operator's client properties, or null when none is given and the
     * command runs an embedded broker (which takes no client properties: it is plaintext on localhost).
     */
    public KafkaConnection cluster() {
        KafkaClientProperties operator = clientProperties();
        if (embedded()) {
            if (!operator.properties().isEmpty()) {
                throw new ParameterException(
                        mixee.commandLine(),
                        "Kafka client properties ("
                                + String.join(
                                        ", ", new TreeSet<>(operator.sources().values()))
                                + ") are for a cluster given with --bootstrap-servers; the embedded broker takes none");
            }
            return null;
        }
        try {
            return operator.connection(bootstrapServers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** The operator's client properties from --kafka-config and the environment, read once. */
    private KafkaClientProperties clientProperties() {
        if (clientProperties == null) {
            try {
                clientProperties = KafkaClientProperties.load(kafkaConfig, environment);
            } catch (InvalidKafkaConfigException e) {
                throw new ParameterException(mixee.commandLine(), e.getMessage());
            }
        }
        return clientProperties;
    }

    /** No cluster given: not by --bootstrap-servers, nor as bootstrap.servers in --kafka-config or the environment. */
    public boolean embedded() {
        return (bootstrapServers == null || bootstrapServers.isBlank())
                && clientProperties().bootstrapServers() == null;
    }
}
