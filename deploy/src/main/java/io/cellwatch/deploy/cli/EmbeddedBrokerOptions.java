package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.Resources;
import io.cellwatch.model.kafka.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The ports of the single-node broker cellwatch starts itself; only {@code broker} and {@code demo}
 * (without --bootstrap-servers) start one, so only they show these options.
 */
public final class EmbeddedBrokerOptions {
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

    /**
     * Kafka for a command, closed with its resources: {@code cluster} with cellwatch's topics in place, or
     * (when null) the embedded broker on these ports with its data under {@code brokerDir}.
     */
    public KafkaRuntime open(Resources resources, KafkaConnection cluster, TopicOptions topics, Path brokerDir)
            throws Exception {
        return resources.add(
                "kafka",
                KafkaRuntime.open(
                        cluster,
                        brokerDir,
                        brokerPort,
                        controllerPort,
                        topics.names(),
                        topics.partitions,
                        topics.replicationFactor));
    }
}
