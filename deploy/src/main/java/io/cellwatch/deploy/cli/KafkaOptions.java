package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaClientProperties;
import io.cellwatch.model.kafka.KafkaClientProperties.InvalidKafkaConfigException;
import io.cellwatch.model.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where Kafka is and how cellwatch's topics are named and sized; shared by every command that talks to Kafka. */
public final class KafkaOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description =
                    "Kafka cluster to use (or bootstrap.servers in --kafka-config, CELLWATCH_KAFKA_BOOTSTRAP_SERVERS)."
                            + " Without one, demo starts an embedded single-node broker (--broker-port,"
                            + " --controller-port); ingest, streams and alerts refuse to start.")
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

    @Option(
            names = "--topic-prefix",
            defaultValue = TopicNames.DEFAULT_PREFIX,
            paramLabel = "PREFIX",
            description =
                    "Prefix of every topic name (default: ${DEFAULT-VALUE}): samples, channels, cycles, alerts, dead-letter.")
    String topicPrefix;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            paramLabel = "N",
            description =
                    "Partitions of topics cellwatch creates (default: ${DEFAULT-VALUE}); more partitions, more instances.")
    int partitions;

    @Option(
            names = "--replication-factor",
            defaultValue = "-1",
            paramLabel = "N",
            description = "Replication of topics cellwatch creates (default: the broker's default).")
    short replicationFactor;

    @Option(
            names = "--broker-port",
            defaultValue = "19092",
            paramLabel = "PORT",
            description = "Client port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(
            names = "--controller-port",
            defaultValue = "19093",
            paramLabel = "PORT",
            description = "KRaft controller port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    /** Where {@code CELLWATCH_KAFKA_*} variables are read from. */
    Map<String, String> environment = System.getenv();

    private KafkaClientProperties clientProperties;

    public TopicNames topics() {
        return TopicNames.withPrefix(topicPrefix);
    }

    /**
     * Kafka for a command, closed with its resources: {@code cluster} with cellwatch's topics in place, or
     * (when null) the embedded broker on --broker-port and --controller-port with its data under {@code brokerDir}.
     */
    public KafkaRuntime open(Resources resources, KafkaConnection cluster, Path brokerDir) throws Exception {
        return resources.add(
                "kafka",
                KafkaRuntime.open(
                        cluster, brokerDir, brokerPort, controllerPort, topics(), partitions, replicationFactor));
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
