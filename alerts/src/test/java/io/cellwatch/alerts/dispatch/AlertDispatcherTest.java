package io.cellwatch.alerts.dispatch;

import static io.cellwatch.alerts.Alerts.firing;
import static io.cellwatch.alerts.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.alerts.Alerts;
import io.cellwatch.alerts.RecordingSink;
import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.alerts.delivery.pause.PauseCommandSink;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.model.Alert;
import io.cellwatch.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert service's dispatching without Kafka or threads: events in, receivers stepped on a
 * clock the test moves, the ledger and the offsets to commit checked after each move.
 */
class AlertDispatcherTest {
    private static final String CH1 = "ch-1/soft_short_capacity_divergence/20";
    /** Two days into the simulated cycler's time: its cycle-21 event lies in this clock's future. */
    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(Alerts.CYCLER_EPOCH_MS + 2 * 86_400_000L));

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final OffsetTracker offsets = new OffsetTracker();
    private final RecordingSink webhook = new RecordingSink("webhook");
    private final RecordingSink alertmanager = new RecordingSink("alertmanager", Duration.ofSeconds(60));

    private AlertDispatcher dispatcher(List<AlertSink> sinks, OffsetTracker tracker) {
        AlertDispatcher dispatcher = new AlertDispatcher(sinks, ledger, tracker, RetryPolicy.DEFAULT, clock);
        dispatcher.assigned(List.of(0, 1));
        return dispatcher;
    }

    private AlertDispatcher dispatcher() {
        return dispatcher(List.of(alertmanager, webhook), offsets);
    }

    private static ReceiverQueue receiver(AlertDispatcher dispatcher, String name) {
        return dispatcher.receivers().stream()
                .filter(r -> r.sink().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Steps every receiver until nothing more is due at this moment of the clock. */
    private static void settle(AlertDispatcher dispatcher) throws InterruptedException {
        for (ReceiverQueue receiver : dispatcher.receivers()) {
            for (int i = 0; i < 100 && receiver.step().isZero(); i++) {
                // again: the next event is due at once
            }
        }
    }

    private static void dispatch(AlertDispatcher dispatcher, Alert alert, int partition, long offset)
            throws InterruptedException {
        assertThat(dispatcher.dispatch(alert, partition, offset)).isTrue();
    }

    @Test
    void everyReceiverGetsEveryEventAndTheLedgerRemembersWhoAcceptedIt() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(dispatcher, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        dispatch(dispatcher, firing("ch-2", 7, 8, Severity.WARNING), 1, 0);
        settle(dispatcher);

        for (RecordingSink sink : List.of(webhook, alertmanager)) {
            assertThat(sink.whatChanged())
                    .containsExactlyInAnyOrder(
                            CH1 + "@firing/warning",
                            CH1 + "@firing/critical",
                            "ch-2/soft_short_capacity_divergence/7@firing/warning");
        }
        Episode episode = ledger.get(CH1).orElseThrow();
        assertThat(episode.deliveredTo("webhook")).hasValue(1);
        assertThat(episode.deliveredTo("alertmanager")).hasValue(1);
        assertThat(episode.severity()).isEqualTo(Severity.CRITICAL);
        offsets.readUpTo(0, 2);
        offsets.readUpTo(1, 1);
        assertThat(offsets.advanced()).isEqualTo(Map.of(0, 2L, 1, 1L));
    }

    @Test
    void aReceiverFarBehindIsHeldBackAloneAndGetsEveryEventOnceWhenItCatchesUp() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        dispatcher.maxQueued(3);
        webhook.down = true;
        List<Alert> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(firing("ch-" + i, 5, 6, Severity.WARNING));
        }
        for (int offset = 0; offset < events.size(); offset++) {
            dispatch(dispatcher, events.get(offset), 0, offset);
            settle(dispatcher); // Alertmanager keeps up
        }
        offsets.readUpTo(0, 10);
        assertThat(alertmanager.accepted)
                .as("Alertmanager is not held back by the webhook's outage")
                .hasSize(10);
        assertThat(receiver(dispatcher, "webhook").backlog())
                .as("the webhook's queue stops at its bound")
                .isEqualTo(4);
        assertThat(offsets.advanced())
                .as("nothing committed past the webhook's first event")
                .isEqualTo(Map.of(0, 0L));
        assertThat(dispatcher.readAgain()).as("not caught up yet").isEmpty();

        webhook.down = false;
        clock.advance(Duration.ofMinutes(5));
        settle(dispatcher);
        assertThat(webhook.accepted).hasSize(4);
        assertThat(offsets.advanced())
                .as("committed up to the first event held back")
                .isEqualTo(Map.of(0, 4L));
        // An earlier copy of event 4 accepted (a partition given back while a retry waited) pays for that copy
        // only, not for every event held back from the webhook.
        offsets.settle(0, 4, "webhook");
        assertThat(offsets.advanced()).isEqualTo(Map.of(0, 4L));
        Map<Integer, Long> again = dispatcher.readAgain();
        assertThat(again).isEqualTo(Map.of(0, 4L));
        for (int offset = 4; offset < events.size(); offset++) {
            dispatch(dispatcher, events.get(offset), 0, offset); // the session reads them again from there
            settle(dispatcher);
        }
        assertThat(webhook.accepted.stream().map(e -> e.alert().channelId()))
                .as("every event once, in order")
                .containsExactlyElementsOf(events.stream().map(Alert::channelId).toList());
        assertThat(alertmanager.accepted)
                .as("nothing twice to the receiver that went on")
                .hasSize(10);
        assertThat(offsets.advanced()).isEqualTo(Map.of(0, 10L));
    }

    @Test
    void aReadAgainForOneReceiverQueuesNothingTwiceForAnotherThatHasItWaiting() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        dispatcher.maxQueued(3);
        webhook.down = true;
        List<Alert> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(firing("ch-" + i, 5, 6, Severity.WARNING));
        }
        for (int offset = 0; offset < 6; offset++) {
            dispatch(dispatcher, events.get(offset), 0, offset);
            settle(dispatcher);
        }
        // Alertmanager falls behind too, below its bound: 6 and 7 wait in its queue.
        alertmanager.down = true;
        dispatch(dispatcher, events.get(6), 0, 6);
        dispatch(dispatcher, events.get(7), 0, 7);
        offsets.readUpTo(0, 8);
        webhook.down = false;
        clock.advance(Duration.ofMinutes(5));
        settle(dispatcher);
        assertThat(dispatcher.readAgain()).isEqualTo(Map.of(0, 4L));
        for (int offset = 4; offset < events.size(); offset++) {
            dispatch(dispatcher, events.get(offset), 0, offset);
        }
        assertThat(receiver(dispatcher, "alertmanager").backlog())
                .as("6 and 7 once each: the read again was the webhook's")
                .isEqualTo(2);
        alertmanager.down = false;
        clock.advance(Duration.ofMinutes(5));
        settle(dispatcher);
        assertThat(alertmanager.accepted.stream().map(e -> e.alert().channelId()))
                .containsExactlyElementsOf(events.stream().map(Alert::channelId).toList());
        assertThat(webhook.accepted.stream().map(e -> e.alert().channelId()))
                .containsExactlyElementsOf(events.stream().map(Alert::channelId).toList());
        assertThat(offsets.advanced()).isEqualTo(Map.of(0, 8L));
    }

    @Test
    void aPartitionGivenBackWhileAReceiverWaitsToRetryIsNotCommittedPastAnotherReceiversDebt() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        ReceiverQueue hook = receiver(dispatcher, "webhook");
        webhook.down = true;
        alertmanager.down = true;
        Alert event = firing("ch-1", 20, 21, Severity.WARNING);
        dispatch(dispatcher, event, 0, 5);
        assertThat(hook.step()).as("refused: the webhook holds it for a retry").isPositive();

        // A rebalance takes partition 0 away and gives it straight back (the eager protocol revokes everything);
        // the webhook's worker is still in its backoff, holding its copy of the event.
        assertThat(dispatcher.handOver(List.of(0), Duration.ofSeconds(1))).isTrue();
        dispatcher.revoked(List.of(0));
        dispatcher.assigned(List.of(0));
        dispatch(dispatcher, event, 0, 5);
        offsets.readUpTo(0, 6);

        webhook.down = false;
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            hook.step();
        }
        assertThat(webhook.accepted).hasSize(1);
        assertThat(offsets.advanced())
                .as("Alertmanager has not accepted offset 5 yet")
                .isEqualTo(Map.of(0, 5L));

        alertmanager.down = false;
        clock.advance(Duration.ofMinutes(1));
        settle(dispatcher);
        assertThat(alertmanager.accepted).hasSize(1);
        assertThat(offsets.advanced()).isEqualTo(Map.of(0, 6L));
    }

    @Test
    void aReceiverThatIsDownIsRetriedWithDoublingBackoffWhileTheOthersGoOn() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        alertmanager.down = true;
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        offsets.readUpTo(0, 1);

        assertThat(receiver(dispatcher, "webhook").step()).isZero();
        assertThat(webhook.accepted).hasSize(1);
        assertThat(am.step()).isEqualTo(Duration.ofMillis(500));
        assertThat(am.step()).as("not due yet: no attempt").isEqualTo(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(499));
        assertThat(am.step()).isEqualTo(Duration.ofMillis(1));
        assertThat(alertmanager.refusals).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(am.step()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(am.step()).isEqualTo(Duration.ofSeconds(2));
        assertThat(alertmanager.refusals).isEqualTo(3);
        assertThat(offsets.advanced())
                .as("held at the record Alertmanager owes")
                .isEqualTo(Map.of(0, 0L));
        assertThat(am.backlog()).isEqualTo(1);
        assertThat(am.oldestWaiting()).isEqualTo(Duration.ofMillis(1500));

        alertmanager.down = false;
        clock.advance(Duration.ofSeconds(2));
        assertThat(am.step()).isZero();
        assertThat(alertmanager.whatChanged()).containsExactly(CH1 + "@firing/warning");
        assertThat(offsets.advanced()).isEqualTo(Map.of(0, 1L));
        assertThat(am.backlog()).isZero();
        assertThat(am.oldestWaiting()).isZero();
    }

    @Test
    void anEventARevokedWebhookRefusesForGoodIsGivenUpAfterTheWaitAndTheNextAtOnceUntilOneIsAccepted()
            throws Exception {
        List<String> givenUp = new ArrayList<>();
        DeliveryMetrics metrics = new DeliveryMetrics() {
            @Override
            public void gaveUp(String receiver) {
                givenUp.add(receiver);
            }
        };
        AlertDispatcher dispatcher = new AlertDispatcher(
                List.of(alertmanager, webhook), ledger, offsets, RetryPolicy.DEFAULT, clock, metrics);
        dispatcher.assigned(List.of(0, 1));
        ReceiverQueue hook = receiver(dispatcher, "webhook");
        webhook.gone = true;
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(dispatcher, firing("ch-2", 30, 31, Severity.CRITICAL), 0, 1);
        offsets.readUpTo(0, 2);
        Instant firstRefusal = clock.instant();

        while (clock.instant()
                .isBefore(firstRefusal.plus(RetryPolicy.GIVE_UP_AFTER).minusSeconds(15))) {
            clock.advance(hook.step());
            settle(dispatcher);
        }
        assertThat(webhook.refused).as("retried, in order").containsOnly(CH1 + "@firing/warning");
        assertThat(hook.backlog()).isEqualTo(2);
        assertThat(offsets.advanced()).as("held at the record the webhook owes").isEqualTo(Map.of(0, 0L));
        assertThat(givenUp).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        settle(dispatcher);
        assertThat(givenUp)
                .as("the first past the wait; the second at its first refusal")
                .containsExactly("webhook", "webhook");
        assertThat(webhook.refused).last().isEqualTo("ch-2/soft_short_capacity_divergence/30@firing/critical");
        assertThat(hook.backlog()).isZero();
        assertThat(offsets.advanced()).isEqualTo(Map.of(0, 2L));
        assertThat(ledger.get(CH1).orElseThrow().delivered("webhook", 0))
                .as("recorded as done with: a restart does not send it again")
                .isTrue();
        assertThat(alertmanager.accepted).hasSize(2);

        // The webhook is set up again: it accepts, and a later refusal for good is retried for the wait again.
        webhook.gone = false;
        dispatch(dispatcher, resolved("ch-1", 20, 25, Severity.WARNING), 0, 2);
        settle(dispatcher);
        assertThat(webhook.whatChanged()).containsExactly(CH1 + "@resolved");
        webhook.gone = true;
        dispatch(dispatcher, firing("ch-3", 40, 41, Severity.WARNING), 1, 0);
        clock.advance(hook.step());
        clock.advance(hook.step());
        assertThat(hook.backlog()).isEqualTo(1);
        assertThat(givenUp).hasSize(2);
    }

    @Test
    void anEpisodeGivenUpOnIsLeftOutOfReSendsSoItCannotHaveThemAllRefused() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        alertmanager.gone = true; // every member answers 400 to this payload
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        Instant start = clock.instant();
        while (am.backlog() > 0) {
            clock.advance(am.step());
            assertThat(clock.instant()).isBefore(start.plus(RetryPolicy.GIVE_UP_AFTER.multipliedBy(2)));
        }
        alertmanager.gone = false;
        dispatch(dispatcher, firing("ch-2", 30, 31, Severity.CRITICAL), 0, 1);
        settle(dispatcher);
        assertThat(alertmanager.whatChanged())
                .containsExactly("ch-2/soft_short_capacity_divergence/30@firing/critical");

        clock.advance(Duration.ofSeconds(61));
        am.step();
        assertThat(alertmanager.resends).isNotEmpty();
        assertThat(alertmanager.resends.get(alertmanager.resends.size() - 1))
                .extracting(Episode::alertId)
                .containsExactly("ch-2/soft_short_capacity_divergence/30");
    }

    @Test
    void aReceiverThatIsDownIsNeverGivenUp() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        ReceiverQueue hook = receiver(dispatcher, "webhook");
        webhook.down = true;
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        Instant start = clock.instant();
        while (clock.instant().isBefore(start.plus(RetryPolicy.GIVE_UP_AFTER.multipliedBy(3)))) {
            clock.advance(hook.step());
        }
        assertThat(hook.backlog()).isEqualTo(1);
        webhook.down = false;
        clock.advance(hook.step());
        assertThat(webhook.whatChanged()).containsExactly(CH1 + "@firing/warning");
    }

    @Test
    void aReceiverGetsItsEventsInOrderTheNextWaitingForTheFirst() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        alertmanager.down = true;
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(dispatcher, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        for (int i = 0; i < 4; i++) {
            clock.advance(am.step());
        }
        assertThat(alertmanager.refused).containsOnly(CH1 + "@firing/warning").hasSize(4);
        assertThat(am.backlog()).isEqualTo(2);

        alertmanager.down = false;
        clock.advance(am.step());
        settle(dispatcher);
        assertThat(alertmanager.whatChanged()).containsExactly(CH1 + "@firing/warning", CH1 + "@firing/critical");
    }

    @Test
    void recordsReadAgainAfterARestartGoOnlyToTheReceiversThatHadNotAcceptedThem() throws Exception {
        AlertDispatcher before = dispatcher();
        alertmanager.down = true;
        dispatch(before, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(before, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        settle(before);
        assertThat(webhook.accepted).hasSize(2);
        long startsAt = ledger.get(CH1).orElseThrow().startsAtMs();

        // The same ledger, a fresh session: the records come again from the last commit (nothing was committed).
        RecordingSink webhookAfter = new RecordingSink("webhook");
        RecordingSink alertmanagerAfter = new RecordingSink("alertmanager");
        OffsetTracker offsetsAfter = new OffsetTracker();
        clock.advance(Duration.ofMinutes(5));
        AlertDispatcher after = dispatcher(List.of(alertmanagerAfter, webhookAfter), offsetsAfter);
        dispatch(after, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(after, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        settle(after);

        assertThat(webhookAfter.accepted).isEmpty();
        assertThat(alertmanagerAfter.whatChanged()).containsExactly(CH1 + "@firing/warning", CH1 + "@firing/critical");
        assertThat(alertmanagerAfter.accepted.get(1).startsAt().toEpochMilli())
                .as("the episode's start survives the restart")
                .isEqualTo(startsAt);
        offsetsAfter.readUpTo(0, 2);
        assertThat(offsetsAfter.advanced()).isEqualTo(Map.of(0, 2L));
    }

    @Test
    void anEventAcceptedButNotRecordedBeforeACrashIsSentAgainMarkedAsARedeliveryAndOnlyOnce() throws Exception {
        // The webhook answers, then the service dies before the ledger records the answer (played by
        // the ledger going away at that moment; the process is then replaced by a fresh one).
        webhook.afterAccepting = () -> ledger.unreachable = true;
        AlertDispatcher before = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(before, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        receiver(before, "webhook").step();
        assertThat(webhook.redeliveryMarks).containsExactly(false);
        assertThat(ledger.get(CH1).orElseThrow().mayHaveReached("webhook", 0)).isTrue();

        webhook.afterAccepting = () -> {};
        ledger.unreachable = false;
        AlertDispatcher after = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(after, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(after, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        settle(after);

        assertThat(webhook.whatChanged())
                .containsExactly(CH1 + "@firing/warning", CH1 + "@firing/warning", CH1 + "@firing/critical");
        assertThat(webhook.redeliveryMarks)
                .as("only the event whose fate was unknown is marked")
                .containsExactly(false, true, false);
        assertThat(ledger.get(CH1).orElseThrow().deliveredTo("webhook")).hasValue(1);

        AlertDispatcher third = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(third, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(third, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        settle(third);
        assertThat(webhook.accepted).as("recorded now: not sent again").hasSize(3);
    }

    @Test
    void anEventIsNotHeldBackWhenItsDeliveryCannotBeMarkedAsBegun() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(webhook), offsets);
        ReceiverQueue hook = receiver(dispatcher, "webhook");
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        ledger.unreachable = true;

        hook.step();
        assertThat(webhook.redeliveryMarks)
                .as("sent at once, as a first delivery")
                .containsExactly(false);
        assertThat(offsets.oldestOwed(0)).as("not done before it is recorded").hasValue(0);

        ledger.unreachable = false;
        clock.advance(Duration.ofMillis(500));
        hook.step();
        assertThat(webhook.accepted)
                .as("recorded once the ledger is back, not sent again")
                .hasSize(1);
        assertThat(ledger.get(CH1).orElseThrow().deliveredTo("webhook")).hasValue(0);
        assertThat(offsets.oldestOwed(0)).isEmpty();
    }

    @Test
    void anInstanceWhoseLedgerWritesAreFencedSendsNothingItCouldNotMarkAsBegun() throws Exception {
        // This instance stalled past its session timeout: the event's partition moved, and its new owner
        // fenced the ledger writes of this one, which wakes up still holding the event.
        AlertDispatcher stalled = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(stalled, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        ledger.fenced = true;
        settle(stalled);
        assertThat(webhook.accepted).as("not sent by the fenced instance").isEmpty();
        assertThat(stalled.backlog()).as("left to the new owner").isZero();

        ledger.fenced = false;
        AlertDispatcher newOwner = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(newOwner, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(newOwner);
        assertThat(webhook.redeliveryMarks)
                .as("sent once, by the new owner, as a first delivery")
                .containsExactly(false);
    }

    @Test
    void aFencedInstanceDoesNotRepeatADeliveryItHadBegun() throws Exception {
        AlertDispatcher stalled = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(stalled, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        webhook.down = true;
        ReceiverQueue hook = receiver(stalled, "webhook");
        hook.step();
        assertThat(webhook.refused).as("the first attempt, refused").hasSize(1);

        webhook.down = false;
        ledger.fenced = true;
        clock.advance(Duration.ofSeconds(1));
        settle(stalled);
        assertThat(webhook.accepted).as("no retry once fenced").isEmpty();
        assertThat(webhook.refused).hasSize(1);
        assertThat(stalled.backlog()).isZero();
    }

    @Test
    void aDeliveryTheFenceCutsOffAfterItBeganIsSentAgainByTheNewOwnerMarked() throws Exception {
        // Marked as begun, sent, and then the fence: the answer cannot be recorded.
        webhook.afterAccepting = () -> ledger.fenced = true;
        AlertDispatcher stalled = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(stalled, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(stalled);
        assertThat(stalled.backlog()).as("left to the new owner, not retried").isZero();

        webhook.afterAccepting = () -> {};
        ledger.fenced = false;
        AlertDispatcher newOwner = dispatcher(List.of(webhook), new OffsetTracker());
        dispatch(newOwner, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(newOwner);
        assertThat(webhook.redeliveryMarks)
                .as("the repeat is marked: the receiver can tell it from a new event")
                .containsExactly(false, true);
    }

    @Test
    void aPauseRequestIsWrittenWithTheLedgersRecordOfItSoARestartDoesNotRepeatIt() throws Exception {
        PauseCommandSink pause = new PauseCommandSink("cmds", Severity.CRITICAL, clock);
        AlertDispatcher before = dispatcher(List.of(pause), new OffsetTracker());
        dispatch(before, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(before, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        settle(before);
        assertThat(ledger.written).hasSize(1);
        assertThat(ledger.written.get(0).key()).isEqualTo("ch-1");
        assertThat(ledger.get(CH1).orElseThrow().deliveredTo(PauseCommandSink.NAME))
                .hasValue(1);

        AlertDispatcher restarted = dispatcher(List.of(pause), new OffsetTracker());
        dispatch(restarted, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(restarted, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 1);
        settle(restarted);
        assertThat(ledger.written)
                .as("recorded in the same write: not asked again")
                .hasSize(1);
    }

    @Test
    void aPauseRequestTheLedgerCannotTakeIsRetriedMarkedAndAFencedOneIsLeftToTheNewOwner() throws Exception {
        PauseCommandSink pause = new PauseCommandSink("cmds", Severity.CRITICAL, clock);
        AlertDispatcher dispatcher = dispatcher(List.of(pause), offsets);
        ReceiverQueue commands = receiver(dispatcher, PauseCommandSink.NAME);
        dispatch(dispatcher, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 0);
        ledger.unreachable = true;
        assertThat(commands.step()).isEqualTo(Duration.ofMillis(500));
        assertThat(ledger.written).as("an aborted write counts for nothing").isEmpty();
        assertThat(offsets.oldestOwed(0)).hasValue(0);

        ledger.unreachable = false;
        clock.advance(Duration.ofMillis(500));
        commands.step();
        assertThat(ledger.written).hasSize(1);
        assertThat(new String(ledger.written.get(0).value(), StandardCharsets.UTF_8))
                .as("a read_uncommitted reader may have seen the aborted write: the retry says so")
                .contains("\"redelivery\":true");
        assertThat(offsets.oldestOwed(0)).isEmpty();

        AlertDispatcher stalled = dispatcher(List.of(pause), new OffsetTracker());
        dispatch(stalled, firing("ch-2", 7, 8, Severity.CRITICAL), 1, 0);
        ledger.fenced = true;
        settle(stalled);
        assertThat(ledger.written).as("nothing written by a fenced instance").hasSize(1);
        assertThat(stalled.backlog()).as("left to the new owner").isZero();
    }

    @Test
    void anEpisodeStartsNoLaterThanTheServicesClockAndEndsWhenItResolved() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        Alert first = firing("ch-1", 20, 21, Severity.WARNING);
        assertThat(first.wallTimeMs()).isGreaterThan(clock.millis());
        dispatch(dispatcher, first, 0, 0);
        Instant seenAt = clock.instant();
        clock.advance(Duration.ofDays(3)); // the cycler's resolution is now in the past
        Alert cleared = resolved("ch-1", 20, 25, Severity.WARNING);
        dispatch(dispatcher, cleared, 0, 1);
        settle(dispatcher);

        assertThat(webhook.accepted.get(0).startsAt()).isEqualTo(seenAt);
        assertThat(webhook.accepted.get(1).endsAt()).isEqualTo(Instant.ofEpochMilli(cleared.wallTimeMs()));
    }

    @Test
    void anEventTheLedgerCannotStoreIsHandedBackToBeReadAgain() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        ledger.unreachable = true;
        assertThat(dispatcher.dispatch(firing("ch-1", 20, 21, Severity.WARNING), 0, 0))
                .isFalse();
        assertThat(dispatcher.backlog()).isZero();
        assertThat(offsets.oldestOwed(0)).isEmpty();

        ledger.unreachable = false;
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(dispatcher);
        assertThat(webhook.accepted).hasSize(1);
    }

    @Test
    void anAcceptedEventIsRecordedOnceTheLedgerIsBackAndNotSentAgain() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(webhook), offsets);
        ReceiverQueue hook = receiver(dispatcher, "webhook");
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        webhook.afterAccepting = () -> ledger.unreachable = true;

        assertThat(hook.step()).isEqualTo(Duration.ofMillis(500));
        assertThat(webhook.accepted).hasSize(1);
        assertThat(offsets.oldestOwed(0)).as("not done before it is recorded").hasValue(0);
        clock.advance(Duration.ofMillis(500));
        assertThat(hook.step()).isEqualTo(Duration.ofSeconds(1));

        ledger.unreachable = false;
        clock.advance(Duration.ofSeconds(1));
        assertThat(hook.step()).isZero();
        assertThat(webhook.accepted).as("recorded, not delivered again").hasSize(1);
        assertThat(ledger.get(CH1).orElseThrow().deliveredTo("webhook")).hasValue(0);
        assertThat(offsets.oldestOwed(0)).isEmpty();
    }

    /** Counts the redeliveries the sessions below report. */
    private static final class Redeliveries implements DeliveryMetrics {
        int redeliveries;

        @Override
        public void redelivered(String receiver) {
            redeliveries++;
        }
    }

    private final Redeliveries metrics = new Redeliveries();

    /** A session of the same process as {@code unrecorded}'s, started again after a Kafka failure. */
    private AlertDispatcher session(UnrecordedDeliveries unrecorded) {
        AlertDispatcher dispatcher = new AlertDispatcher(
                List.of(webhook), ledger, new OffsetTracker(), RetryPolicy.DEFAULT, clock, unrecorded, metrics);
        dispatcher.assigned(List.of(0, 1));
        return dispatcher;
    }

    @Test
    void anEventAcceptedWhileTheLedgerWasAwayIsRecordedNotRepeatedByTheProcesssNextSession() throws Exception {
        // A broker restart: the delivery can be neither marked as begun nor recorded, and the session
        // ends (its ledger writer lost) before the ledger is back. Found by the chaos run: the next
        // session sent the event again as a first delivery.
        UnrecordedDeliveries unrecorded = new UnrecordedDeliveries();
        AlertDispatcher before = session(unrecorded);
        dispatch(before, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        ledger.unreachable = true;
        receiver(before, "webhook").step();
        assertThat(webhook.redeliveryMarks).containsExactly(false);
        assertThat(ledger.get(CH1).orElseThrow().mayHaveReached("webhook", 0))
                .as("the ledger could not mark it")
                .isFalse();

        ledger.unreachable = false;
        AlertDispatcher after = session(unrecorded);
        dispatch(after, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(after);

        assertThat(webhook.accepted).as("not sent again").hasSize(1);
        assertThat(ledger.get(CH1).orElseThrow().deliveredTo("webhook")).hasValue(0);
        assertThat(after.offsets().oldestOwed(0)).as("settled").isEmpty();
        assertThat(unrecorded.size()).as("the ledger speaks for it now").isZero();
        assertThat(metrics.redeliveries).as("not sent again: no redelivery").isZero();
    }

    @Test
    void anAttemptUnansweredWhileTheLedgerWasAwayIsSentByTheNextSessionMarkedAsARedelivery() throws Exception {
        UnrecordedDeliveries unrecorded = new UnrecordedDeliveries();
        AlertDispatcher before = session(unrecorded);
        dispatch(before, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        ledger.unreachable = true;
        webhook.down = true; // refused or timed out: it may have arrived all the same
        receiver(before, "webhook").step();
        assertThat(webhook.refused).hasSize(1);

        ledger.unreachable = false;
        webhook.down = false;
        AlertDispatcher after = session(unrecorded);
        dispatch(after, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(after);

        assertThat(webhook.redeliveryMarks).containsExactly(true);
        assertThat(ledger.get(CH1).orElseThrow().deliveredTo("webhook")).hasValue(0);
        assertThat(metrics.redeliveries).as("counted as a redelivery").isEqualTo(1);
    }

    @Test
    void anotherProcessWithoutTheMemorySendsAnUnmarkedDeliveryAgain() throws Exception {
        // The window left: the process dies while the ledger cannot be written. Written down, not hidden.
        AlertDispatcher before = session(new UnrecordedDeliveries());
        dispatch(before, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        ledger.unreachable = true;
        receiver(before, "webhook").step();

        ledger.unreachable = false;
        AlertDispatcher otherProcess = session(new UnrecordedDeliveries());
        dispatch(otherProcess, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(otherProcess);

        assertThat(webhook.redeliveryMarks).containsExactly(false, false);
    }

    @Test
    void firingEpisodesOfOwnedPartitionsAreResentOnTheReceiversCadence() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(alertmanager), offsets);
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.CRITICAL), 0, 0);
        dispatch(dispatcher, firing("ch-2", 7, 8, Severity.WARNING), 1, 0);
        dispatch(dispatcher, firing("ch-4", 3, 4, Severity.WARNING), 0, 1);
        dispatch(dispatcher, resolved("ch-4", 3, 6, Severity.WARNING), 0, 2);
        settle(dispatcher);
        dispatcher.revoked(List.of(1));

        clock.advance(Duration.ofSeconds(59));
        am.step();
        assertThat(alertmanager.resends).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(am.step()).isEqualTo(Duration.ofSeconds(60));
        assertThat(alertmanager.resends)
                .singleElement()
                .satisfies(firing ->
                        assertThat(firing).extracting(Episode::alertId).containsExactly(CH1));
        clock.advance(Duration.ofSeconds(60));
        am.step();
        assertThat(alertmanager.resends).hasSize(2);
    }

    @Test
    void aReceiverWaitingToRetryAnEventWakesForTheReSendOnTime() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(alertmanager), offsets);
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        Instant start = clock.instant();
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.CRITICAL), 0, 0);
        settle(dispatcher);
        alertmanager.eventsFail = true;
        dispatch(dispatcher, firing("ch-2", 7, 8, Severity.WARNING), 0, 1);
        List<Instant> resentAt = new ArrayList<>();
        while (clock.instant().isBefore(start.plusSeconds(130))) {
            int before = alertmanager.resends.size();
            Duration wait = am.step(); // what the receiver's worker sleeps
            if (alertmanager.resends.size() > before) {
                resentAt.add(clock.instant());
            }
            clock.advance(wait.isZero() ? Duration.ofMillis(1) : wait);
        }
        assertThat(am.backlog()).as("the event is still being retried").isPositive();
        assertThat(resentAt)
                .as("each re-send when due, not after the retry's backoff")
                .containsExactly(start.plusSeconds(60), start.plusSeconds(120));
    }

    @Test
    void anInstanceTheGroupNoLongerHearsStopsReSending() throws Exception {
        // Cut off from Kafka but not from Alertmanager: its partitions may be another instance's by now, and
        // that one may have resolved what this one would re-send as firing. Asked when the re-send is due.
        AlertDispatcher dispatcher = dispatcher(List.of(alertmanager), offsets);
        java.util.concurrent.atomic.AtomicBoolean heard = new java.util.concurrent.atomic.AtomicBoolean(true);
        dispatcher.requireGroupContact(heard::get);
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.CRITICAL), 0, 0);
        settle(dispatcher);

        clock.advance(Duration.ofSeconds(60));
        am.step();
        assertThat(alertmanager.resends).as("heard").hasSize(1);

        heard.set(false);
        clock.advance(Duration.ofSeconds(60));
        am.step();
        assertThat(alertmanager.resends).as("not heard").hasSize(1);

        heard.set(true);
        clock.advance(Duration.ofSeconds(60));
        am.step();
        assertThat(alertmanager.resends).as("heard again").hasSize(2);
    }

    @Test
    void anEpisodeWhoseEventIsRefusedForGoodIsLeftOutOfTheReSendWhileItIsRetried() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(alertmanager), offsets);
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(dispatcher, firing("ch-2", 7, 8, Severity.CRITICAL), 0, 1);
        settle(dispatcher);
        alertmanager.gone = true; // it refuses ch-1's escalation for good, and would refuse a body holding it
        dispatch(dispatcher, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 2);
        Instant start = clock.instant();
        while (alertmanager.resends.isEmpty() && clock.instant().isBefore(start.plusSeconds(120))) {
            clock.advance(am.step());
        }
        assertThat(am.backlog()).as("the escalation is still retried").isPositive();
        assertThat(alertmanager.resends)
                .singleElement()
                .satisfies(firing -> assertThat(firing)
                        .extracting(Episode::alertId)
                        .containsExactly("ch-2/soft_short_capacity_divergence/7"));
    }

    @Test
    void aBacklogThatTakesLongerThanTheAlertsLifetimeToDeliverDoesNotHoldUpTheReSends() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(alertmanager), offsets);
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        settle(dispatcher);
        // A catch-up after an outage: more events than the receiver takes before a firing alert's endsAt
        // (four re-send intervals), delivered one step a second; ch-1's escalation waits at its end.
        for (int offset = 1; offset <= 600; offset++) {
            dispatch(dispatcher, firing("ch-" + (offset + 1), 5, 6, Severity.WARNING), 0, offset);
        }
        dispatch(dispatcher, firing("ch-1", 20, 22, Severity.CRITICAL), 0, 601);
        List<Instant> resentAt = new ArrayList<>();
        for (int second = 0; second < 300; second++) {
            int before = alertmanager.resends.size();
            am.step();
            if (alertmanager.resends.size() > before) {
                resentAt.add(clock.instant());
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(am.backlog()).as("the backlog is still being delivered").isPositive();
        assertThat(resentAt)
                .as("re-sent on the cadence while the backlog drains, so Alertmanager does not end the alert")
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(alertmanager.resends.get(0))
                .extracting(Episode::alertId)
                .as("an episode whose newest event is still queued fires all the same")
                .contains(CH1);
        for (int i = 1; i < resentAt.size(); i++) {
            assertThat(Duration.between(resentAt.get(i - 1), resentAt.get(i)))
                    .isLessThanOrEqualTo(Duration.ofSeconds(61));
        }
    }

    @Test
    void revokedPartitionsLeaveTheQueuesAndTheOffsetsToTheirNewOwner() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(alertmanager), offsets);
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        alertmanager.down = true;
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(dispatcher, firing("ch-2", 7, 8, Severity.WARNING), 1, 0);
        am.step();
        assertThat(am.backlog()).isEqualTo(2);

        dispatcher.revoked(List.of(1));
        assertThat(am.backlog())
                .as("the event in flight stays, the queued one leaves")
                .isEqualTo(1);
        offsets.readUpTo(1, 1);
        assertThat(offsets.committable(1, 1)).isEqualTo(1);
        assertThat(offsets.oldestOwed(0)).hasValue(0);
    }

    @Test
    void resolvedEpisodesLeaveTheLedgerOnceTheirLastRecordIsCommitted() throws Exception {
        AlertDispatcher dispatcher = dispatcher();
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatch(dispatcher, resolved("ch-1", 20, 25, Severity.WARNING), 0, 1);
        dispatch(dispatcher, firing("ch-2", 7, 8, Severity.CRITICAL), 0, 2);
        settle(dispatcher);
        dispatcher.forgetFinished();
        assertThat(ledger.size()).as("nothing committed yet").isEqualTo(2);

        offsets.readUpTo(0, 3);
        offsets.committed(offsets.advanced());
        dispatcher.forgetFinished();
        assertThat(ledger.select(e -> true))
                .extracting(Episode::alertId)
                .containsExactly("ch-2/soft_short_capacity_divergence/7");
    }

    @Test
    void aClockSetBackDoesNotPutARetryOff() throws Exception {
        AlertDispatcher dispatcher = dispatcher(List.of(alertmanager), offsets);
        ReceiverQueue am = receiver(dispatcher, "alertmanager");
        alertmanager.down = true;
        dispatch(dispatcher, firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        am.step();
        clock.advance(Duration.ofHours(-1));
        am.step();
        assertThat(alertmanager.refusals).isEqualTo(2);
    }

    @Test
    void receiversNeedDistinctNames() {
        assertThatThrownBy(() -> dispatcher(List.of(webhook, new RecordingSink("webhook")), offsets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two receivers are named webhook");
    }
}
