package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The members removed after a crash are the ones Kafka Streams' threads join as, and only those. */
class CrashedMemberRemovalTest {
    @Test
    void theMembersAreTheStreamThreadsMainConsumersOfTheKafkaStreamsOnTheClassPath() {
        int threads = 3;
        StreamsSettings settings = new StreamsSettings(
                KafkaConnection.of("localhost:9092", Map.of()),
                "cellwatch",
                Path.of("/var/lib/cellwatch/streams"),
                "cellwatch.dead-letter",
                true,
                threads,
                3,
                null,
                "lab-host-1");
        StreamsConfig config = new StreamsConfig(settings.toProperties());
        List<String> kafkaStreams = new ArrayList<>();
        // Kafka Streams numbers its threads from 1 (KafkaStreams' constructor), as the thread names show.
        for (int thread = 1; thread <= threads; thread++) {
            kafkaStreams.add((String) config.getMainConsumerConfigs("cellwatch", "client", thread)
                    .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        }

        assertThat(CrashedMemberRemoval.memberInstanceIds("lab-host-1", threads))
                .containsExactlyElementsOf(kafkaStreams)
                .containsExactly("lab-host-1-1", "lab-host-1-2", "lab-host-1-3");
    }
}
