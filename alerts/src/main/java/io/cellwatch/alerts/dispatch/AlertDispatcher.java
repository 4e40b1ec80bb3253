package io.cellwatch.alerts.dispatch;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.alerts.ledger.EpisodeLedger;
import io.cellwatch.alerts.ledger.LedgerWriteException;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Alert;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service without Kafka: folds each alert event into its episode (firing, escalated,
 * resolved), stores the episode in the ledger, and hands the event to every receiver that has not
 * accepted it yet, each on its own {@link ReceiverQueue}. Tells the {@link OffsetTracker} which
 * records are owed, so nothing a receiver has not accepted is committed.
 *
 * <p>The Kafka session feeds it records and commits what the tracker allows; tests feed it events
 * and step its receivers with a clock of their own.
 */
public final class AlertDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final EpisodeLedger ledger;
    private final OffsetTracker offsets;
    private final Clock clock;
    private final List<ReceiverQueue> receivers = new ArrayList<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Null: re-sends need no word from the group ({@link #requireGroupContact}). */
    private volatile BooleanSupplier groupContact;

    /**
     * @param unrecorded what earlier sessions of this process sent and the ledger has not recorded
     * @throws IllegalArgumentException when two receivers have one name (the ledger tells them apart by name)
     */
    /**
     * Events queued for one receiver above which the events read next are held back from it (and read again
     * for it once it has caught up), so a long outage of one receiver neither fills the memory nor holds the
     * others back.
     */
    public static final int MAX_QUEUED = 1000;

    private int maxQueued = MAX_QUEUED;

    public AlertDispatcher(
            List<AlertSink> sinks,
            EpisodeLedger ledger,
            OffsetTracker offsets,
            RetryPolicy retry,
            Clock clock,
            UnrecordedDeliveries unrecorded,
            DeliveryMetrics metrics) {
        this.ledger = ledger;
        this.offsets = offsets;
        this.clock = clock;
        requireDistinctNames(sinks);
        for (AlertSink sink : sinks) {
            receivers.add(new ReceiverQueue(
                    sink,
                    ledger,
                    offsets,
                    retry,
                    clock,
                    () -> Set.copyOf(owned),
                    () -> heardByGroup() ? Set.copyOf(owned) : Set.of(),
                    unrecorded,
                    metrics));
        }
    }

    /** A dispatcher of a process of its own (nothing sent before it), measured. */
    public AlertDispatcher(
            List<AlertSink> sinks,
            EpisodeLedger ledger,
            OffsetTracker offsets,
            RetryPolicy retry,
            Clock clock,
            DeliveryMetrics metrics) {
        this(sinks, ledger, offsets, retry, clock, new UnrecordedDeliveries(), metrics);
    }

    /** A dispatcher of a process of its own, nobody measures. */
    public AlertDispatcher(
            List<AlertSink> sinks, EpisodeLedger ledger, OffsetTracker offsets, RetryPolicy retry, Clock clock) {
        this(sinks, ledger, offsets, retry, clock, DeliveryMetrics.NONE);
    }

    public static void requireDistinctNames(List<AlertSink> sinks) {
        Set<String> names = new HashSet<>();
        for (AlertSink sink : sinks) {
            if (!names.add(sink.name())) {
                throw new IllegalArgumentException("two receivers are named " + sink.name()
                        + ": give them distinct names (the delivery ledger tells them apart by name)");
            }
        }
    }

    /** Another bound of a receiver's queue than {@link #MAX_QUEUED}. */
    public void maxQueued(int bound) {
        this.maxQueued = bound;
    }

    public List<ReceiverQueue> receivers() {
        return List.copyOf(receivers);
    }

    public OffsetTracker offsets() {
        return offsets;
    }

    /** The receiver named {@code name}, if there is one. */
    public Optional<ReceiverQueue> receiver(String name) {
        return receivers.stream().filter(r -> r.sink().name().equals(name)).findFirst();
    }

    /**
     * Folds the event read at {@code offset} of {@code partition} into its episode and queues it for
     * every receiver that still needs it. A record with no event (a tombstone) needs nothing.
     *
     * @return false when the episode could not be stored (the ledger is unreachable): nothing was
     *     queued, and the record must be read again
     */
    public boolean dispatch(Alert alert, int partition, long offset) throws InterruptedException {
        return dispatch(alert, partition, offset, false);
    }

    /**
     * @param history the event is the alerts topic's retained history read by a new consumer group
     *                ({@link EpisodeEvent#history})
     */
    public boolean dispatch(Alert alert, int partition, long offset, boolean history) throws InterruptedException {
        if (alert == null) {
            return true;
        }
        Episode episode;
        try {
            // Folded under the ledger's lock: a receiver marking a delivery meanwhile keeps its mark.
            episode = ledger.change(
                    alert.alertId(),
                    stored -> Lifecycle.isNew(stored, offset)
                            ? Lifecycle.apply(stored, alert, partition, offset, clock.millis())
                            : stored);
        } catch (LedgerWriteException e) {
            LOG.warn("{}; will read partition {} again from offset {}", e.getMessage(), partition, offset);
            return false;
        }
        EpisodeEvent event = new EpisodeEvent(alert, episode, partition, offset, history);
        for (ReceiverQueue receiver : receivers) {
            AlertSink sink = receiver.sink();
            if (receiver.queuedAlready(partition, offset)) {
                continue; // read again for a receiver that was held back: this one has it waiting, or had it
            }
            if (episode.delivered(sink.name(), offset) || !sink.wants(event)) {
                offsets.settle(partition, offset, sink.name()); // nothing to do for this receiver
                payHeldDebt(receiver, partition, offset);
            } else if (!receiver.holdsBack(partition, offset, maxQueued)) {
                offsets.owe(partition, offset, sink.name());
                receiver.enqueue(event);
                payHeldDebt(receiver, partition, offset);
            } else if (receiver.needsHeldDebt(partition, offset)) {
                // One debt for every event held back from it: no commit past it until they are read again.
                offsets.owe(partition, offset, receiver.heldName());
            }
        }
        return true;
    }

    /** A read again for the receiver got past its held-back debt: the events from there on are owed one by one. */
    private void payHeldDebt(ReceiverQueue receiver, int partition, long offset) {
        Long debt = receiver.passedHeldBack(partition, offset);
        if (debt != null) {
            offsets.settle(partition, debt, receiver.heldName());
        }
    }

    /**
     * The partitions to read again, each from its first event held back from a receiver that has caught up
     * since ({@link ReceiverQueue#holdsBack}): the lowest such offset per partition. Events read again that
     * a receiver has already are not queued for it twice (the ledger says it accepted them), or, queued
     * already, are found accepted when their turn comes.
     */
    public Map<Integer, Long> readAgain() {
        Map<Integer, Long> from = new HashMap<>();
        for (ReceiverQueue receiver : receivers) {
            receiver.caughtUp(maxQueued / 2).forEach((partition, offset) -> from.merge(partition, offset, Math::min));
        }
        return from;
    }

    /**
     * From now on firing episodes are re-sent only while {@code heardByGroup} says the group still hears this
     * instance, asked when a re-send is due. An instance cut off from Kafka but not from Alertmanager is not
     * told that its partitions moved (its consumer learns it only when it reaches the group again), and would
     * go on re-sending, as firing, episodes their new owner has resolved since.
     */
    public void requireGroupContact(BooleanSupplier heardByGroup) {
        this.groupContact = heardByGroup;
    }

    private boolean heardByGroup() {
        BooleanSupplier contact = groupContact;
        return contact == null || contact.getAsBoolean();
    }

    /** These partitions are this instance's now: their firing episodes are re-sent from here. */
    public void assigned(Collection<Integer> partitions) {
        owned.addAll(partitions);
    }

    /**
     * These partitions are about to move: no delivery of their events starts here any more, and an
     * attempt under way is waited for (at most {@code bound} in all), so that what it delivered is in
     * the ledger and committable before the new owner reads them. Without the wait both instances
     * could send the event: this one finishing its attempt, the new owner reading the ledger before
     * the attempt was recorded.
     *
     * @return false when an attempt was still under way after {@code bound}
     */
    public boolean handOver(Collection<Integer> partitions, Duration bound) throws InterruptedException {
        owned.removeAll(partitions);
        // Real time, not the service's clock: the wait is a thread's, as the lock's tryLock counts it.
        long deadline = System.nanoTime() + bound.toNanos();
        boolean ended = true;
        for (ReceiverQueue receiver : receivers) {
            long left = Math.max(0, deadline - System.nanoTime());
            ended &= receiver.awaitAttemptEnd(Duration.ofNanos(left));
        }
        return ended;
    }

    /** These partitions moved away: their queued events and owed records are the new owner's. */
    public void revoked(Collection<Integer> partitions) {
        receivers.forEach(r -> r.drop(partitions));
        for (int partition : partitions) {
            owned.remove(partition);
            offsets.release(partition);
        }
    }

    /** Open episodes in the ledger. */
    public int openEpisodes() {
        return ledger.size();
    }

    /** Events waiting for the receiver furthest behind. */
    public int backlog() {
        return receivers.stream().mapToInt(ReceiverQueue::backlog).max().orElse(0);
    }

    /**
     * A resolved episode whose last record is committed will not be read again: nobody needs its
     * memory any more, and dropping it keeps the ledger as small as the set of open alerts.
     */
    public void forgetFinished() throws InterruptedException {
        for (Episode done :
                ledger.select(e -> !e.firing() && offsets.committed(e.alertsPartition()) > e.lastOffset())) {
            try {
                ledger.forget(done.alertId());
            } catch (LedgerWriteException e) {
                LOG.debug("{} (will try again)", e.getMessage());
                return;
            }
        }
    }
}
