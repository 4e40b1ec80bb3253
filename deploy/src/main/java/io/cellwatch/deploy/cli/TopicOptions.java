package io.cellwatch.deploy.cli;

import io.cellwatch.model.TopicNames;
import picocli.CommandLine.Option;

/**
 * How cellwatch's topics are named and sized: every command that talks to Kafka through {@link KafkaOptions},
 * and {@code broker}, which creates them on its own broker.
 */
public final class TopicOptions {
    @Option(
            names = "--topic-prefix",
            defaultValue = TopicNames.DEFAULT_PREFIX,
            paramLabel = "PREFIX",
            description =
                    "Prefix of every topic name (default: ${DEFAULT-VALUE}): samples, channels, cycles, alerts, dead-letter.")
    String prefix;

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

    public TopicNames names() {
        return TopicNames.withPrefix(prefix);
    }
}
