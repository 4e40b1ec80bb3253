package io.cellwatch.alerts.dispatch;

import static io.cellwatch.alerts.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.alerts.Alerts;
import io.cellwatch.alerts.RecordingSink;
import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A partition moving to another instance, or the service stopping cleanly, while a receiver holds
 * its answer: the delivery under way ends and is recorded first, so the partition's new owner neither
 * sends it again nor needs to mark it as a redelivery; what was not begun is left to the new owner.
 */
class PartitionHandOverTest {
    private static final String CH1 = "ch-1/soft_short_capacity_divergence/20";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Long enough for a hand-over that did not wait to have returned; it never decides a pass. */
    private static final long A_MOMENT_MS = 300;

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(Alerts.CYCLER_EPOCH_MS + 2 * 86_400_000L));
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final OffsetTracker offsets = new OffsetTracker();
    private final RecordingSink webhook = new RecordingSink("webhook");
    private final AlertDispatcher dispatcher =
            new AlertDispatcher(List.of(webhook), ledger, offsets, RetryPolicy.DEFAULT, clock);
    private final ReceiverQueue receiver = dispatcher.receiver("webhook").orElseThrow();

    /** The webhook has read the event and holds its answer until released. */
    private final CountDownLatch answering = new CountDownLatch(1);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean cutOff = new AtomicBoolean();
    /** Threads of its own: the delivery, the hand-over and the stop each need one at the same time. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    PartitionHandOverTest() {
        dispatcher.assigned(List.of(0, 1));
    }

    @AfterEach
    void letGo() {
        release.countDown();
        threads.shutdownNow();
    }

    private void holdTheAnswer() {
        webhook.afterAccepting = () -> {
            answering.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                cutOff.set(true); // the service interrupted the receiver's answer
            }
        };
    }

    @Test
    void aPartitionMovingAwayWaitsForTheDeliveryUnderWayWhichIsRecordedAndCommittable() throws Exception {
        holdTheAnswer();
        assertThat(dispatcher.dispatch(firing("ch-1", 20, 21, Severity.WARNING), 0, 0))
                .isTrue();
        Future<Duration> delivering = threads.submit(receiver::step);
        assertThat(answering.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<Boolean> handOver = threads.submit(() -> dispatcher.handOver(List.of(0), PATIENCE));
        Thread.sleep(A_MOMENT_MS);
        assertThat(handOver)
                .as("the hand-over waits while the webhook holds its answer")
                .isNotDone();

        release.countDown();
        assertThat(handOver.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        delivering.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(ledger.get(CH1).orElseThrow().delivered("webhook", 0))
                .as("recorded before the new owner reads the ledger")
                .isTrue();
        offsets.readUpTo(0, 1);
        assertThat(offsets.advanced()).as("committed with the hand-over").containsEntry(0, 1L);
    }

    @Test
    void eventsOfAMovedPartitionNotYetDeliveredAreLeftToItsNewOwnerWhileTheOthersGoOn() throws Exception {
        webhook.down = true;
        assertThat(dispatcher.dispatch(firing("ch-1", 20, 21, Severity.WARNING), 0, 0))
                .isTrue();
        assertThat(dispatcher.dispatch(firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1))
                .isTrue();
        assertThat(dispatcher.dispatch(firing("ch-2", 7, 8, Severity.WARNING), 1, 0))
                .isTrue();
        receiver.step();
        assertThat(webhook.refusals).isEqualTo(1);

        assertThat(dispatcher.handOver(List.of(0), PATIENCE))
                .as("nothing under way: a refused attempt waits for its retry off the lock")
                .isTrue();
        webhook.down = false;
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            receiver.step();
        }

        assertThat(webhook.whatChanged())
                .as("neither the retry nor the queued escalation of the moved partition is sent from here")
                .containsExactly("ch-2/soft_short_capacity_divergence/7@firing/warning");
        assertThat(ledger.get(CH1).orElseThrow().mayHaveReached("webhook", 0))
                .as("the refused attempt stays marked as begun: its new owner sends it as a redelivery")
                .isTrue();
    }

    @Test
    void aCleanStopLetsTheReceiverAnswerAndRecordsItInsteadOfCuttingItOff() throws Exception {
        holdTheAnswer();
        ReceiverWorker worker = new ReceiverWorker(receiver);
        worker.start();
        assertThat(dispatcher.dispatch(firing("ch-1", 20, 21, Severity.WARNING), 0, 0))
                .isTrue();
        assertThat(answering.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<?> stopping = threads.submit(() -> {
            worker.stop(PATIENCE);
            return null;
        });
        Thread.sleep(A_MOMENT_MS);
        assertThat(stopping)
                .as("the stop waits while the webhook holds its answer")
                .isNotDone();

        release.countDown();
        stopping.get(PATIENCE.toSeconds() + 20, TimeUnit.SECONDS);
        assertThat(cutOff).as("the answer was not interrupted").isFalse();
        assertThat(ledger.get(CH1).orElseThrow().delivered("webhook", 0)).isTrue();
    }
}
