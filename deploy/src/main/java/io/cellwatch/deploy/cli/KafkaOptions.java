package io.cellwatch.deploy.cli;

import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
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
                    "Kafka cluster to use. Without it, commands that need Kafka start an embedded single-node broker.")
    String bootstrapServers;

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

    public TopicNames topics() {
        return TopicNames.withPrefix(topicPrefix);
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

    /** The user's cluster, or null when none is given and the command runs an embedded broker. */
    public KafkaConnection cluster() {
        return embedded() ? null : KafkaConnection.plain(bootstrapServers);
    }

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
