package io.cellwatch.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.testing.KafkaClusterExtension;
import io.cellwatch.testing.Waiting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real broker: the chaos run's watch finds a Kafka Streams instance's members in a group of the
 * Streams rebalance protocol (KIP-1071), where {@code describeConsumerGroups} sees none (a chaos run with
 * {@code group.protocol=streams} waited at its warm-up for members it could not see).
 */
class CommitWatchIT {
    private static final String TOPIC = "commit-watch-it.in";
    private static final String APPLICATION_ID = "commit-watch-it";

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.withTopics(2, TOPIC);

    @Test
    void seesAStaticMemberOfAStreamsGroup(@TempDir Path stateDir) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TOPIC).foreach((key, value) -> {});
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.cluster().bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "lab-a");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                CommitWatch watch = new CommitWatch(kafka.cluster().bootstrapServers(), APPLICATION_ID, TOPIC, true);
                CommitWatch asConsumerGroup =
                        new CommitWatch(kafka.cluster().bootstrapServers(), APPLICATION_ID, TOPIC)) {
            streams.start();

            assertThat(Waiting.until(
                            Duration.ofSeconds(60),
                            Duration.ofMillis(200),
                            () -> watch.stableWithEvery(List.of("lab-a-"), Set.of())))
                    .as("the group stable with the instance's member")
                    .isTrue();
            Set<String> members = watch.members("lab-a-");
            assertThat(members).hasSize(1);
            assertThat(watch.stableWithEvery(List.of("lab-a-"), members))
                    .as("not stable without a member it has")
                    .isFalse();
            assertThat(asConsumerGroup.members("lab-a-")).isEmpty();
        }
    }
}
