package io.cellwatch.alerts.dispatch;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.ReceiverRefusal;
import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.alerts.delivery.TopicSink;
import io.cellwatch.alerts.dispatch.WaitingEvents.Waiting;
import io.cellwatch.alerts.ledger.EpisodeLedger;
import io.cellwatch.alerts.ledger.LedgerFencedException;
import io.cellwatch.alerts.ledger.LedgerWriteException;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver's deliveries, in order: an event the receiver refuses is tried again after a
 * backoff while the events behind it wait (other receivers have queues of their own). A delivery is
 * marked as begun in the ledger before the receiver is called (sent all the same when the ledger
 * cannot be written: an alert is not held back for it), and an accepted event is written to the
 * ledger before it counts as done (retried while the ledger cannot be written), so a restart does
 * not send it again; only an event whose delivery was begun and not recorded is sent again, and
 * then marked as a redelivery, since the receiver may have it. What this process sent while the
 * ledger could not mark or record it is remembered across its sessions ({@link UnrecordedDeliveries}):
 * a session started again after a Kafka failure records an accepted event instead of repeating it.
 * A receiver that is a Kafka topic
 * ({@link TopicSink}) is written in the ledger's transaction instead, which leaves no such window.
 * Firing episodes are re-sent on the receiver's cadence, where it has one ({@link FiringResender}).
 *
 * <p>An event the receiver refuses for good ({@link ReceiverRefusal#forGood}: a revoked webhook's 410,
 * a rejected token's 401) is retried for the retry policy's {@code giveUpAfter} (time for a receiver
 * being deployed again, or a token being replaced), then given up: logged as an error, counted, and
 * recorded in the ledger as done with, so that it holds neither this receiver's later events nor,
 * once the queue passes its bound, the reading of the alerts topic for every receiver and the pause
 * requests. The event stays in the alerts topic. Until the receiver accepts an event again, each
 * event it refuses for good is given up at that refusal.
 *
 * <p>Only events of partitions this instance owns are delivered. When a partition moves away, the
 * attempt in progress is waited for ({@link #awaitAttemptEnd}), so its outcome is in the ledger and
 * its offset can be committed before the new owner reads either; an event of a moved partition not
 * yet begun, or waiting for a retry, is left to the new owner, which would otherwise send it too. An
 * instance that stalled past its session timeout and goes on as if it still owned the partition
 * finds the new owner has fenced its ledger writes ({@link LedgerFencedException}): every attempt, a
 * repeat too, begins with a ledger write, so it delivers nothing more.
 *
 * <p>Driven by {@link #step()}, which does what is due on the clock and says how long until
 * something else is: a {@link ReceiverWorker} thread calls it in a loop; tests call it with a
 * clock they move themselves.
 */
public final class ReceiverQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverQueue.class);
    /** How long an idle receiver without a re-send cadence waits before looking again. */
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final AlertSink sink;
    private final EpisodeLedger ledger;
    private final OffsetTracker offsets;
    private final RetryPolicy retry;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final FiringResender resender;
    private final Supplier<Set<Integer>> ownedPartitions;
    private final UnrecordedDeliveries unrecorded;

    /**
     * Held while the stepping thread acts (an attempt, the ledger's record of it, a re-send), never
     * while it waits: whoever takes it knows no delivery is under way.
     */
    private final ReentrantLock acting = new ReentrantLock();

    private final WaitingEvents queue = new WaitingEvents();

    /**
     * While set, this receiver's queue is over its bound: events read meanwhile are not queued for it, and
     * per partition the first of them is kept here, to be read again for it once it has caught up
     * ({@link #caughtUp}). Touched by the consumer's thread only.
     */
    private final Map<Integer, Long> heldBackFrom = new HashMap<>();

    private boolean overflowing;

    /**
     * Per partition, the highest offset queued for this receiver since the partition was given to this
     * instance. A re-read for a receiver that was held back passes the events at or below it by: queued a
     * second time, a copy owed once could be settled by the first copy's acceptance while the second waited.
     * Touched by the consumer's thread only.
     */
    private final Map<Integer, Long> queuedUpTo = new HashMap<>();

    /**
     * Per partition, the offset of the debt that stands for every event held back from this receiver there
     * (owed under {@link #heldName}, not the receiver's own name, so no acceptance of an event at that offset
     * can pay it): paid once a read again has passed it ({@link #passedHeldBack}). Consumer's thread only.
     */
    private final Map<Integer, Long> heldDebts = new HashMap<>();

    /** The event being delivered (taken off the queue), and how far it got. Touched by the stepping thread only. */
    private volatile Waiting current;

    private int failures;
    private boolean accepted;
    /** When the receiver first refused the current event for good, or null. */
    private Instant refusedSince;
    /** The receiver refused an event for good long enough to give it up, and has accepted none since. */
    private boolean refusing;

    private Instant nextAttemptAt;
    private Duration lastWait = Duration.ZERO;

    ReceiverQueue(
            AlertSink sink,
            EpisodeLedger ledger,
            OffsetTracker offsets,
            RetryPolicy retry,
            Clock clock,
            Supplier<Set<Integer>> ownedPartitions,
            Supplier<Set<Integer>> resentPartitions,
            UnrecordedDeliveries unrecorded,
            DeliveryMetrics metrics) {
        this.sink = sink;
        this.unrecorded = unrecorded;
        this.ledger = ledger;
        this.offsets = offsets;
        this.retry = retry;
        this.clock = clock;
        this.metrics = metrics;
        this.ownedPartitions = ownedPartitions;
        this.resender = new FiringResender(sink, ledger, resentPartitions, clock.instant(), metrics);
    }

    public AlertSink sink() {
        return sink;
    }

    void enqueue(EpisodeEvent event) {
        queue.add(new Waiting(event, clock.instant()));
        queuedUpTo.merge(event.partition(), event.offset(), Math::max);
    }

    /** Whether the event at {@code offset} was queued for this receiver already (a re-read for another one). */
    boolean queuedAlready(int partition, long offset) {
        Long upTo = queuedUpTo.get(partition);
        return upTo != null && offset <= upTo;
    }

    /**
     * Whether the event read at {@code offset} of {@code partition} is held back from this receiver because
     * more than {@code bound} events wait for it already (a receiver that is down): it is read again for it
     * once it has caught up. Without this, a receiver that was down held the reading of the alerts topic for
     * every receiver (Alertmanager, the pause requests) once its queue passed the bound.
     *
     * @return true for the first held-back event of its partition too (the caller owes it, so nothing is
     *     committed past it)
     */
    boolean holdsBack(int partition, long offset, int bound) {
        if (!overflowing && backlog() > bound) {
            overflowing = true;
            LOG.warn(
                    "{}: {} events wait for it; the events read from now on are held back from it (and the commit"
                            + " with them) and read again once it has caught up; the other receivers go on",
                    sink.name(),
                    backlog());
        }
        if (!overflowing) {
            return false;
        }
        heldBackFrom.merge(partition, offset, Math::min);
        return true;
    }

    /**
     * Whether the caller must owe a debt for the events held back from here on {@code partition}, under
     * {@link #heldName}: true for the first held back while none is owed.
     */
    boolean needsHeldDebt(int partition, long offset) {
        return heldDebts.putIfAbsent(partition, offset) == null;
    }

    /** The name the debt for the held-back events is owed under. */
    String heldName() {
        return sink.name() + "#held-back";
    }

    /**
     * The offset of the held-back debt on {@code partition} that a read again reaching {@code offset} for
     * this receiver has passed (the events from there on are queued, and owed, one by one again), if any:
     * the caller pays it.
     */
    Long passedHeldBack(int partition, long offset) {
        Long debt = heldDebts.get(partition);
        if (debt == null || offset < debt || overflowing) {
            return null;
        }
        heldDebts.remove(partition);
        return debt;
    }

    /**
     * Once the receiver's queue is down to {@code resumeBelow}: the first offset held back from it per
     * partition, to be read again from there, and it takes events again. Empty while it is not caught up, or
     * held nothing back.
     */
    Map<Integer, Long> caughtUp(int resumeBelow) {
        if (!overflowing || backlog() >= resumeBelow) {
            return Map.of();
        }
        overflowing = false;
        Map<Integer, Long> from = Map.copyOf(heldBackFrom);
        heldBackFrom.clear();
        LOG.info("{}: caught up; the events held back from it are read again from {}", sink.name(), from);
        return from;
    }

    /** Events waiting, the one being delivered included. */
    public int backlog() {
        return queue.size(current != null ? 1 : 0);
    }

    /** How long the oldest event not yet accepted by this receiver has waited since it was read; zero when none. */
    public Duration oldestWaiting() {
        Waiting oldest = current;
        if (oldest == null) {
            oldest = queue.oldest();
        }
        return oldest == null ? Duration.ZERO : positive(Duration.between(oldest.since(), clock.instant()));
    }

    /** Forgets queued events of partitions this instance no longer owns (their new owner delivers them). */
    void drop(Collection<Integer> revoked) {
        queue.drop(revoked);
        revoked.forEach(heldBackFrom::remove);
        revoked.forEach(queuedUpTo::remove); // given back later, the partition is read from its commit again
        revoked.forEach(heldDebts::remove); // released with the partition's other debts
    }

    /**
     * Does what is due now: one delivery attempt (or an attempt to record an accepted delivery),
     * or a re-send of the firing episodes.
     *
     * @return how long until something else is due (zero: step again at once)
     */
    public Duration step() throws InterruptedException {
        acting.lockInterruptibly();
        try {
            return stepActing();
        } finally {
            acting.unlock();
        }
    }

    private Duration stepActing() throws InterruptedException {
        Instant now = clock.instant();
        // Before the queue, not after it: Alertmanager ends a firing alert at its endsAt (four re-send intervals)
        // unless it is repeated, and a backlog that takes longer than that to deliver (a catch-up after an
        // outage, an event retried for minutes) would otherwise have it resolve alerts that still fire.
        // An episode whose event the receiver refuses for good, retried for now, is left out: re-sent as it stands,
        // it would have the whole re-send refused.
        String refusedEpisode = current != null && refusedSince != null
                ? current.event().alert().alertId()
                : null;
        if (resender.resendIfDue(now, refusedEpisode) && refusing) {
            LOG.info("{}: accepts re-sends again", sink.name());
            refusing = false; // it takes requests again: the next refusal for good is waited for again
        }
        if (current != null && !owned(current.event())) {
            leaveToNewOwner(current.event());
        }
        while (current == null) {
            Waiting next = queue.take();
            if (next == null) {
                break;
            }
            if (owned(next.event())) {
                current = next;
                failures = 0;
                accepted = false;
                refusedSince = null;
                nextAttemptAt = now;
                lastWait = Duration.ZERO;
            } else {
                leaveToNewOwner(next.event());
            }
        }
        if (current != null) {
            if (!due(now, nextAttemptAt, lastWait)) {
                return untilResendOr(now, Duration.between(now, nextAttemptAt));
            }
            attempt(current.event(), now);
            return current == null ? Duration.ZERO : untilResendOr(now, positive(Duration.between(now, nextAttemptAt)));
        }
        if (backlog() > 0) {
            return Duration.ZERO;
        }
        return resender.next().map(at -> positive(Duration.between(now, at))).orElse(IDLE);
    }

    /** The shorter of {@code wait} and the time until the next re-send. */
    private Duration untilResendOr(Instant now, Duration wait) {
        return resender.next()
                .map(at -> positive(Duration.between(now, at)))
                .filter(untilResend -> untilResend.compareTo(wait) < 0)
                .orElse(wait);
    }

    /**
     * Waits until no attempt is under way, at most {@code bound}: one that began before its partition
     * moved ends (and is recorded) before the partition's new owner reads the ledger; attempts after it
     * see the partition gone. The caller takes the partitions out of the owned set first.
     *
     * @return false when an attempt was still under way after {@code bound} (its partition's new owner
     *     finds it marked as begun and sends it as a redelivery)
     */
    public boolean awaitAttemptEnd(Duration bound) throws InterruptedException {
        if (!acting.tryLock(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        acting.unlock();
        return true;
    }

    /** Blocks until an event arrives or {@code wait} passes (whichever first). */
    void awaitWork(Duration wait) throws InterruptedException {
        queue.await(wait, () -> current != null);
    }

    private void attempt(EpisodeEvent event, Instant now) throws InterruptedException {
        if (sink instanceof TopicSink topicSink) {
            attemptInLedgerTransaction(topicSink, event, now);
            return;
        }
        if (!accepted && alreadyDelivered(event)) {
            finish(event); // e.g. a record read twice around a rebalance: the ledger knows it was accepted
            return;
        }
        UnrecordedDeliveries.Reach reachedBefore = unrecorded.of(sink.name(), event);
        if (!accepted && reachedBefore == UnrecordedDeliveries.Reach.ACCEPTED) {
            // Accepted in an earlier session of this process, while the ledger could not record it.
            LOG.info(
                    "{}: {} was accepted before the session started again; recording it", sink.name(), event.eventId());
            accepted = true;
        }
        if (!accepted) {
            // A refused or unanswered attempt, here or in an earlier session, may have reached the receiver too.
            boolean attemptedBefore = reachedBefore == UnrecordedDeliveries.Reach.ATTEMPTED;
            boolean redelivery = failures > 0 || attemptedBefore;
            try {
                boolean begunBefore = beginSending(event);
                if (attemptedBefore && !begunBefore && failures == 0) {
                    metrics.redelivered(sink.name());
                    LOG.info(
                            "{}: {} was sent unanswered before the session started again, while the ledger could not"
                                    + " mark it; sent again, marked as a redelivery",
                            sink.name(),
                            event.eventId());
                }
                redelivery = begunBefore || redelivery;
            } catch (LedgerFencedException e) {
                // Its partition's new owner delivers it; sent here too, it would arrive twice, unmarked.
                LOG.warn("{}: {} not sent: {}", sink.name(), event.eventId(), e.getMessage());
                leaveToNewOwner(event);
                return;
            } catch (LedgerWriteException e) {
                // An alert is not held back for the ledger: only a crash before the ledger is back
                // (a second failure) could then repeat it without the mark.
                LOG.warn(
                        "{}: {} sent without marking its delivery as begun ({})",
                        sink.name(),
                        event.eventId(),
                        e.getMessage());
            }
            if (failures > 0) {
                metrics.retried(sink.name());
            }
            unrecorded.attempted(sink.name(), event);
            try {
                sink.deliver(event, redelivery);
                metrics.accepted(sink.name());
                resender.accepted(event.alert().alertId());
                if (failures > 0) {
                    LOG.info("{}: {} accepted after {} failed attempts", sink.name(), event.eventId(), failures);
                }
                if (refusing) {
                    LOG.info("{}: accepts events again", sink.name());
                    refusing = false;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!givesUp(event, now, e)) {
                    failed(event, now, "not accepted", e);
                    return;
                }
            }
            // Accepted, or given up: done with, and recorded as such below (a restart must not send it again).
            unrecorded.accepted(sink.name(), event);
            accepted = true;
            failures = 0;
        }
        // The receiver has it: remember that, or a restart would send it again.
        try {
            if (!ledger.markDelivered(event.alert().alertId(), sink.name(), event.offset())) {
                LOG.debug(
                        "{}: episode {} left the ledger before its delivery was recorded",
                        sink.name(),
                        event.alert().alertId());
            }
            finish(event);
        } catch (LedgerFencedException e) {
            // The partition is another owner's now, or this session lost its writer (the session starts again).
            // Marked as begun, it is sent again marked as a redelivery; unmarked (the ledger was away), this
            // process's next session records it from UnrecordedDeliveries, another process sends it again.
            LOG.warn("{}: {} delivered but not recorded: {}", sink.name(), event.eventId(), e.getMessage());
            leaveToNewOwner(event);
        } catch (LedgerWriteException e) {
            failures++;
            retryAfter(now, retry.backoffAfter(failures));
            LOG.warn(
                    "{}: {} delivered but not yet recorded ({}); retrying",
                    sink.name(),
                    event.eventId(),
                    e.getMessage());
        }
    }

    /**
     * A topic receiver's records and the ledger's record of their delivery in one transaction: nothing
     * to mark as begun, since no crash can separate them. A failed transaction counts for neither and
     * is retried after the receiver's backoff.
     */
    private void attemptInLedgerTransaction(TopicSink topicSink, EpisodeEvent event, Instant now)
            throws InterruptedException {
        if (alreadyDelivered(event)) {
            finish(event);
            return;
        }
        if (failures > 0) {
            metrics.retried(sink.name());
        }
        try {
            ledger.deliverWith(
                    event.alert().alertId(),
                    event.partition(),
                    sink.name(),
                    event.offset(),
                    topicSink.records(event, failures > 0));
        } catch (LedgerFencedException e) {
            LOG.warn("{}: {} not written: {}", sink.name(), event.eventId(), e.getMessage());
            leaveToNewOwner(event);
            return;
        } catch (LedgerWriteException e) {
            failed(event, now, "not written", e);
            return;
        }
        metrics.accepted(sink.name());
        finish(event);
    }

    /**
     * Whether an attempt the receiver refused ends the event's delivery to it: refused for good, for the
     * retry policy's {@code giveUpAfter} since its first such refusal, or at once while the receiver is
     * {@link #refusing}. A refusal that may pass (down, 5xx, no answer) is retried for as long as it lasts.
     */
    private boolean givesUp(EpisodeEvent event, Instant now, Exception e) {
        if (!(e instanceof ReceiverRefusal refusal) || !refusal.forGood()) {
            return false;
        }
        if (refusedSince == null) {
            refusedSince = now;
        }
        if (!refusing && now.isBefore(refusedSince.plus(retry.giveUpAfter()))) {
            return false;
        }
        metrics.failed(sink.name());
        metrics.gaveUp(sink.name());
        resender.givenUp(event.alert().alertId());
        LOG.error(
                "{}: {} given up after {} attempts: the receiver refuses it for good ({}){}. It stays in the alerts"
                        + " topic; until the receiver accepts an event again, each event it refuses for good is given"
                        + " up at once",
                sink.name(),
                event.eventId(),
                failures + 1,
                e.getMessage(),
                refusing ? "" : " since " + refusedSince);
        refusing = true;
        return true;
    }

    /** An attempt that failed: counted, and the next one put off by the receiver's backoff. */
    private void failed(EpisodeEvent event, Instant now, String what, Exception e) {
        metrics.failed(sink.name());
        failures++;
        retryAfter(now, retry.backoffAfter(failures));
        if (Integer.bitCount(failures) == 1) { // 1, 2, 4, 8...: a dead receiver does not flood the log
            LOG.warn(
                    "{}: {} {} ({}); attempt {} failed, retrying in {} ms",
                    sink.name(),
                    event.eventId(),
                    what,
                    e.getMessage(),
                    failures,
                    lastWait.toMillis());
        }
    }

    /**
     * Marks the delivery as begun in the ledger before the receiver is called, so that a crash
     * between the receiver's answer and the ledger's record of it cannot repeat the event unannounced.
     * Every attempt, a repeat too, begins with a ledger write, which a fence refuses.
     *
     * @return whether an earlier attempt was begun (in this process, or in one that died): the receiver
     *     may have the event already, and is told so
     */
    private boolean beginSending(EpisodeEvent event) throws InterruptedException {
        String alertId = event.alert().alertId();
        boolean begunBefore = ledger.get(alertId)
                .map(e -> e.mayHaveReached(sink.name(), event.offset()))
                .orElse(false);
        if (!begunBefore) {
            ledger.markSending(alertId, sink.name(), event.offset());
            return false;
        }
        // Nothing new to record, but a write all the same: one a fenced instance cannot make, so an
        // instance whose partition moved while it stalled does not repeat a delivery either.
        ledger.rewrite(alertId);
        if (failures == 0) {
            metrics.redelivered(sink.name());
            LOG.info(
                    "{}: {} was being delivered when its service stopped (or its partition moved); sent again,"
                            + " marked as a redelivery",
                    sink.name(),
                    event.eventId());
        }
        return true;
    }

    private boolean alreadyDelivered(EpisodeEvent event) {
        return ledger.get(event.alert().alertId())
                .map(e -> e.delivered(sink.name(), event.offset()))
                .orElse(false);
    }

    private boolean owned(EpisodeEvent event) {
        return ownedPartitions.get().contains(event.partition());
    }

    /** Its partition moved: the new owner delivers it (or, if begun here, sends it marked as a redelivery). */
    private void leaveToNewOwner(EpisodeEvent event) {
        LOG.debug("{}: {} left to partition {}'s new owner", sink.name(), event.eventId(), event.partition());
        current = null;
    }

    private void finish(EpisodeEvent event) {
        unrecorded.recorded(sink.name(), event);
        offsets.settle(event.partition(), event.offset(), sink.name());
        current = null;
    }

    private void retryAfter(Instant now, Duration wait) {
        lastWait = wait;
        nextAttemptAt = now.plus(wait);
    }

    /**
     * Whether a moment set {@code wait} ahead has come. A wall clock set back by more than the wait
     * (a corrected clock, a VM resumed) counts as come: a retry is never put off by a clock jump.
     */
    static boolean due(Instant now, Instant at, Duration wait) {
        return !now.isBefore(at) || now.isBefore(at.minus(wait));
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
