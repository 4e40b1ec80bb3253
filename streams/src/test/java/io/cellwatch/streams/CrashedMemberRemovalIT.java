package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.KafkaClusterExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real broker: a static member left in the group by a crash (a minute's session, so only the
 * removal can take it out within the test) is removed at once, removing one that is not there is not an
 * error, the clean-up a restarted instance begins as its JVM starts removes it while holding the state
 * directory, and a {@link StreamsService} built after a crash removes it before it is started.
 */
class CrashedMemberRemovalIT {
    private static final String TOPIC = "removal-it.in";
    private static final String GROUP = "removal-it";

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.withTopics(2, TOPIC);

    @Test
    void aCrashedStaticMemberLeavesTheGroupAndAnAbsentOneIsNoError() throws Exception {
        List<String> members = CrashedMemberRemoval.memberInstanceIds("lab-host-1", 1);
        leaveCrashedMember(GROUP, members.get(0));
        assertThat(groupMembers(GROUP)).containsExactlyElementsOf(members);

        assertThat(CrashedMemberRemoval.remove(kafka.connection(), GROUP, members))
                .containsExactlyElementsOf(members);
        assertThat(groupMembers(GROUP)).isEmpty();

        assertThat(CrashedMemberRemoval.remove(kafka.connection(), GROUP, members))
                .isEmpty();
    }

    /**
     * The service built over a crashed run's state directory takes that run's member out of the group
     * while the rest of the instance starts, before {@code start()}: the failover does not wait for the
     * HTTP endpoint, the query API or the fence.
     */
    @Test
    void aServiceBuiltAfterACrashRemovesTheCrashedMemberBeforeItStarts(@TempDir Path stateDir) throws Exception {
        String applicationId = "removal-it-service";
        String instanceId = "lab-host-2";
        leaveCrashedMember(
                applicationId,
                CrashedMemberRemoval.memberInstanceIds(instanceId, 1).get(0));
        // What a crashed run leaves: a task directory and no clean-stop marker.
        Files.createDirectories(stateDir.resolve(applicationId).resolve("0_0"));

        try (StreamsService service = new StreamsService(
                TopologySettings.defaults(),
                new StreamsSettings(
                        kafka.connection(),
                        applicationId,
                        stateDir,
                        "removal-it.dead-letter",
                        true,
                        1,
                        1,
                        null,
                        instanceId),
                new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> groupMembers(applicationId).isEmpty());
        }
    }

    /**
     * What {@code cellwatch streams} begins first of all, before the topic check and the topology: the
     * crashed run's member leaves the group with no Kafka Streams built yet, and while the clean-up holds
     * the state directory no second instance can begin one on it.
     */
    @Test
    void theCleanUpBegunAsTheJvmStartsRemovesTheCrashedMemberAndHoldsTheStateDirectory(@TempDir Path stateDir)
            throws Exception {
        String applicationId = "removal-it-early";
        String instanceId = "lab-host-3";
        leaveCrashedMember(
                applicationId,
                CrashedMemberRemoval.memberInstanceIds(instanceId, 1).get(0));
        Files.createDirectories(stateDir.resolve(applicationId).resolve("0_0"));
        StreamsSettings settings = new StreamsSettings(
                kafka.connection(), applicationId, stateDir, "removal-it.dead-letter", true, 1, 1, null, instanceId);

        try (PredecessorCleanup cleanup = PredecessorCleanup.begin(settings)) {
            assertThat(cleanup.previousRunCrashed()).isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> groupMembers(applicationId).isEmpty());
            assertThatThrownBy(() -> PredecessorCleanup.begin(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another cellwatch streams instance");
            cleanup.awaitDone();
        }
        InstanceLock.acquire(stateDir, applicationId).close(); // released with the clean-up
    }

    /** A static member that joined and then died: its close sends no LeaveGroup, as after a SIGKILL. */
    private static void leaveCrashedMember(String group, String instanceId) throws Exception {
        KafkaConsumer<byte[], byte[]> crashed = new KafkaConsumer<>(
                kafka.connection()
                        .consumer(
                                "crashed-" + instanceId,
                                group,
                                Map.of(
                                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                                        instanceId,
                                        // A minute's session: only the removal takes it out within the test.
                                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                                        60_000)),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        crashed.subscribe(List.of(TOPIC));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (crashed.assignment().isEmpty() && System.nanoTime() < deadline) {
            crashed.poll(Duration.ofMillis(200));
        }
        crashed.close(Duration.ZERO);
        assertThat(groupMembers(group)).containsExactly(instanceId);
    }

    private static List<String> groupMembers(String group) throws Exception {
        try (Admin admin = Admin.create(kafka.connection().admin("removal-it-admin"))) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().stream()
                    .map(MemberDescription::groupInstanceId)
                    .map(id -> id.orElse("(dynamic)"))
                    .toList();
        }
    }
}
