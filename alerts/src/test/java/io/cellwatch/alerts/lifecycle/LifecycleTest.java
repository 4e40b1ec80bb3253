package io.cellwatch.alerts.lifecycle;

import static io.cellwatch.alerts.Alerts.firing;
import static io.cellwatch.alerts.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.alerts.Alerts;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private static final String CHANNEL = "sim-li-in-short-01";
    private static final long LATER_THAN_CYCLER = Alerts.CYCLER_EPOCH_MS + 10_000 * 10_800_000L;

    @Test
    void anEpisodeFiresEscalatesAndResolvesWithAStableStart() {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 2, 40, LATER_THAN_CYCLER);
        Episode critical =
                Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 2, 41, LATER_THAN_CYCLER + 5);
        Episode cleared =
                Lifecycle.apply(critical, resolved(CHANNEL, 892, 899, Severity.CRITICAL), 2, 47, LATER_THAN_CYCLER + 9);

        assertThat(warning.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(warning.startsAtMs()).isEqualTo(Alerts.CYCLER_EPOCH_MS + 892 * 10_800_000L);
        assertThat(critical.startsAtMs()).isEqualTo(warning.startsAtMs());
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(critical.severitiesFiredAsOf(40)).containsExactly(Severity.WARNING);
        assertThat(critical.severitiesFiredAsOf(41)).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(cleared.firing()).isFalse();
        assertThat(cleared.startsAtMs()).isEqualTo(warning.startsAtMs());
        assertThat(cleared.endsAtMs()).isEqualTo(Alerts.CYCLER_EPOCH_MS + 899 * 10_800_000L);
        assertThat(cleared.revision()).isEqualTo(3);
        assertThat(cleared.lastOffset()).isEqualTo(47);
    }

    @Test
    void aCyclerClockAheadOfTheServiceNeverPutsTheStartInTheFuture() {
        long serviceNow = Alerts.CYCLER_EPOCH_MS; // the simulator runs thousands of times faster than real time
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 0, serviceNow);
        Episode cleared =
                Lifecycle.apply(warning, resolved(CHANNEL, 892, 899, Severity.WARNING), 0, 5, serviceNow + 1000);

        assertThat(warning.startsAtMs()).isEqualTo(serviceNow);
        assertThat(cleared.endsAtMs()).isEqualTo(serviceNow + 1000);
    }

    @Test
    void theThresholdIsReachedOnceOnTheFirstEventAtOrAboveIt() {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 10, LATER_THAN_CYCLER);
        Episode critical =
                Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 12, LATER_THAN_CYCLER);

        assertThat(critical.firstReached(Severity.WARNING)).isEqualTo(OptionalLong.of(10));
        assertThat(critical.firstReached(Severity.CRITICAL)).isEqualTo(OptionalLong.of(12));
        assertThat(warning.firstReached(Severity.CRITICAL)).isEmpty();
    }

    @Test
    void deliveriesAreRememberedPerReceiverAndCarriedThroughNewEvents() {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 10, LATER_THAN_CYCLER)
                .withDelivered("webhook-a", 10);
        Episode critical =
                Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 11, LATER_THAN_CYCLER);

        assertThat(critical.delivered("webhook-a", 10)).isTrue();
        assertThat(critical.delivered("webhook-a", 11)).isFalse();
        assertThat(critical.delivered("alertmanager", 10)).isFalse();
        assertThat(critical.withDelivered("webhook-a", 9)).isSameAs(critical);
        assertThat(Lifecycle.isNew(critical, 11)).isFalse();
        assertThat(Lifecycle.isNew(critical, 12)).isTrue();
        assertThat(Lifecycle.isNew(null, 0)).isTrue();
    }

    @Test
    void eventIdsNameWhatChanged() {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 10, LATER_THAN_CYCLER);
        EpisodeEvent event = new EpisodeEvent(warning.latest(), warning, 0, 10);
        Episode cleared =
                Lifecycle.apply(warning, resolved(CHANNEL, 892, 899, Severity.WARNING), 0, 20, LATER_THAN_CYCLER);

        assertThat(event.eventId())
                .as("cycle 892's evidence at 892 × 10,800 s of test time")
                .isEqualTo(CHANNEL + "/soft_short_capacity_divergence/892@firing/warning@t=9633600s");
        assertThat(new EpisodeEvent(cleared.latest(), cleared, 0, 20).eventId())
                .isEqualTo(CHANNEL + "/soft_short_capacity_divergence/892@resolved@t=9709200s");
    }

    @Test
    void anUpdateAtTheSameSeverityHasAnIdOfItsOwnThatStaysTheSameWhenReadAgain() {
        Episode critical =
                Lifecycle.apply(null, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 10, LATER_THAN_CYCLER);
        Episode updated =
                Lifecycle.apply(critical, firing(CHANNEL, 892, 894, Severity.CRITICAL), 0, 11, LATER_THAN_CYCLER);

        String first = new EpisodeEvent(critical.latest(), critical, 0, 10).eventId();
        String update = new EpisodeEvent(updated.latest(), updated, 0, 11).eventId();
        assertThat(first).isEqualTo(CHANNEL + "/soft_short_capacity_divergence/892@firing/critical@t=9644400s");
        assertThat(update).isEqualTo(CHANNEL + "/soft_short_capacity_divergence/892@firing/critical@t=9655200s");
        assertThat(new EpisodeEvent(critical.latest(), updated, 0, 10).eventId())
                .as("the first event read again once the episode went on, or with no episode remembered")
                .isEqualTo(first)
                .isEqualTo(new EpisodeEvent(critical.latest(), null, 0, 10).eventId());
    }

    @Test
    void aBegunDeliveryMayHaveReachedTheReceiverUntilItsAcceptanceIsRecorded() {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 10, LATER_THAN_CYCLER);
        Episode begun = warning.withSending("webhook-a", 10);

        assertThat(warning.mayHaveReached("webhook-a", 10)).isFalse();
        assertThat(begun.mayHaveReached("webhook-a", 10)).isTrue();
        assertThat(begun.mayHaveReached("alertmanager", 10)).isFalse();
        assertThat(begun.withSending("webhook-a", 10)).isSameAs(begun);
        assertThat(begun.withDelivered("webhook-a", 10).mayHaveReached("webhook-a", 10))
                .isFalse();
        Episode next = Lifecycle.apply(begun, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 11, LATER_THAN_CYCLER);
        assertThat(next.mayHaveReached("webhook-a", 10))
                .as("carried through new events")
                .isTrue();
        assertThat(next.mayHaveReached("webhook-a", 11)).isFalse();
    }
}
