package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fence finds the transactional ids of Kafka Streams' own threads: this pins the layout it reads
 * (process id file, {@code <application id>-<process id>-<thread index>}) to the Kafka Streams on the
 * class path, so an upgrade that changes it fails here rather than silently slowing failover.
 */
class PredecessorFenceTest {
    @TempDir
    Path stateDir;

    private StreamsService service(int threads) {
        return new StreamsService(
                TopologySettings.defaults(),
                new StreamsSettings(
                        KafkaConnection.plain("localhost:9"),
                        "fence-test",
                        stateDir,
                        "fence-test.dead-letter",
                        true,
                        threads,
                        1,
                        null),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    @Test
    void theIdsAreThoseOfKafkaStreamsThreadsProducers() {
        try (StreamsService service = service(2)) {
            // A thread is named <client id>-StreamThread-<index>, the client id <application id>-<process id>.
            Set<String> threadsIds = service.kafkaStreams().metadataForLocalThreads().stream()
                    .map(ThreadMetadata::threadName)
                    .map(name -> name.replace("-StreamThread-", "-"))
                    .collect(Collectors.toSet());

            assertThat(PredecessorFence.transactionalIds(stateDir, "fence-test", 2))
                    .hasSize(2)
                    .containsExactlyInAnyOrderElementsOf(threadsIds);
            // ... and the group leader's fence reads the process id back out of them.
            UUID processId = UUID.fromString(
                    PredecessorFence.processId(stateDir.resolve("fence-test").resolve(PredecessorFence.PROCESS_FILE))
                            .orElseThrow());
            assertThat(threadsIds)
                    .allSatisfy(id -> assertThat(PredecessorFence.processIdOf("fence-test", id))
                            .contains(processId));
        }
    }

    @Test
    void aRestartedInstanceFindsTheSameIds() {
        Set<String> before;
        try (StreamsService service = service(1)) {
            before = Set.copyOf(PredecessorFence.transactionalIds(stateDir, "fence-test", 1));
        }
        try (StreamsService service = service(1)) {
            assertThat(PredecessorFence.transactionalIds(stateDir, "fence-test", 1))
                    .containsExactlyElementsOf(before);
        }
    }

    @Test
    void noProcessFileNoIds() throws Exception {
        assertThat(PredecessorFence.transactionalIds(stateDir, "fence-test", 1)).isEmpty();
        Path processFile =
                Files.createDirectories(stateDir.resolve("fence-test")).resolve(PredecessorFence.PROCESS_FILE);
        Files.writeString(processFile, "not json");
        assertThat(PredecessorFence.transactionalIds(stateDir, "fence-test", 1)).isEmpty();
    }
}
