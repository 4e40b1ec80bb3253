package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.testing.KafkaClusterExtension;
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

/**
 * Against a real broker: a static member left in the group by a crash (a minute's session, so only the
 * removal can take it out within the test) is removed at once, and removing one that is not there is not
 * an error.
 */
class CrashedMemberRemovalIT {
    private static final String TOPIC = "removal-it.in";
    private static final String GROUP = "removal-it";

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.withTopics(2, TOPIC);

    @Test
    void aCrashedStaticMemberLeavesTheGroupAndAnAbsentOneIsNoError() throws Exception {
        List<String> members = CrashedMemberRemoval.memberInstanceIds("lab-host-1", 1);
        KafkaConsumer<byte[], byte[]> crashed = new KafkaConsumer<>(
                kafka.connection()
                        .consumer(
                                "crashed",
                                GROUP,
                                Map.of(
                                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                                        members.get(0),
                                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                                        60_000)),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        crashed.subscribe(List.of(TOPIC));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (crashed.assignment().isEmpty() && System.nanoTime() < deadline) {
            crashed.poll(Duration.ofMillis(200));
        }
        // A static member's close sends no LeaveGroup: the group keeps it until its session times out, as
        // after a SIGKILL.
        crashed.close(Duration.ZERO);
        assertThat(groupMembers()).containsExactlyElementsOf(members);

        assertThat(CrashedMemberRemoval.remove(kafka.connection(), GROUP, members))
                .containsExactlyElementsOf(members);
        assertThat(groupMembers()).isEmpty();

        assertThat(CrashedMemberRemoval.remove(kafka.connection(), GROUP, members))
                .isEmpty();
    }

    private static List<String> groupMembers() throws Exception {
        try (Admin admin = Admin.create(kafka.connection().admin("removal-it-admin"))) {
            return admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get().members().stream()
                    .map(MemberDescription::groupInstanceId)
                    .map(id -> id.orElse("(dynamic)"))
                    .toList();
        }
    }
}
