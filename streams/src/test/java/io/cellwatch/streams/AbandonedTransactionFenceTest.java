package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which open transactions the group's leader aborts: only stream threads' of instances gone from the group. */
class AbandonedTransactionFenceTest {
    private static final UUID SURVIVOR = UUID.fromString("022afe0b-f01e-4399-946e-7137144c1f65");
    private static final UUID CRASHED = UUID.fromString("14f3cb27-73dd-4637-a8e0-da9fd485f45c");

    @Test
    void theThreadsOfAnInstanceGoneFromTheGroupAreFencedAndTheMembersAreNot() {
        List<String> ongoing = List.of(
                "chaos-streams-" + CRASHED + "-1",
                "chaos-streams-" + CRASHED + "-2",
                "chaos-streams-" + SURVIVOR + "-1");

        assertThat(AbandonedTransactionFence.abandoned(ongoing, "chaos-streams", Set.of(SURVIVOR)))
                .containsExactly("chaos-streams-" + CRASHED + "-1", "chaos-streams-" + CRASHED + "-2");
    }

    @Test
    void idsOfAnyOtherLayoutOrApplicationAreLeftAlone() {
        List<String> ongoing = List.of(
                "chaos-ingester",
                "chaos-streams-ingester-1",
                "chaos-streams-" + CRASHED,
                "chaos-streams-" + CRASHED + "-fence",
                "other-app-" + CRASHED + "-1",
                "chaos-streams-" + CRASHED + "-1-extra");

        assertThat(AbandonedTransactionFence.abandoned(ongoing, "chaos-streams", Set.of(SURVIVOR)))
                .isEmpty();
    }
}
