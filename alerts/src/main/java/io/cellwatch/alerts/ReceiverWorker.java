package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.alerts.ledger.DeliveryLedger;
import io.cellwatch.alerts.ledger.DeliveryLedger.LedgerWriteException;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one sink on its own thread, in order: an event the receiver refuses is retried with
 * backoff and the events behind it wait, while other sinks go on with theirs. An accepted event is
 * written to the ledger before its record counts as done for this sink. Also re-sends firing
 * episodes on the sink's cadence, where it has one.
 */
final class ReceiverWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverWorker.class);

    private final AlertSink sink;
    private final String alertsTopic;
    private final DeliveryLedger ledger;
    private final PendingOffsets pending;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Supplier<Set<Integer>> ownedPartitions;
    private final LinkedBlockingQueue<EpisodeEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean busy;
    private long nextResendNanos;

    ReceiverWorker(
            AlertSink sink,
            String alertsTopic,
            DeliveryLedger ledger,
            PendingOffsets pending,
            RetryPolicy retry,
            Clock clock,
            Supplier<Set<Integer>> ownedPartitions) {
        this.sink = sink;
        this.alertsTopic = alertsTopic;
        this.ledger = ledger;
        this.pending = pending;
        this.retry = retry;
        this.clock = clock;
        this.ownedPartitions = ownedPartitions;
        this.thread = new Thread(this, "alerts-" + sink.name());
        this.thread.setDaemon(true);
        sink.resendInterval().ifPresent(every -> nextResendNanos = System.nanoTime() + every.toNanos());
    }

    AlertSink sink() {
        return sink;
    }

    void start() {
        thread.start();
    }

    void enqueue(EpisodeEvent event) {
        queue.add(event);
    }

    /** Events waiting, the one being delivered included. */
    int backlog() {
        return queue.size() + (busy ? 1 : 0);
    }

    /** Forgets queued events of partitions this instance no longer owns (their new owner delivers them). */
    void drop(Collection<TopicPartition> revoked) {
        queue.removeIf(e -> revoked.contains(new TopicPartition(alertsTopic, e.partition())));
    }

    @Override
    public void run() {
        try {
            while (running) {
                EpisodeEvent next = queue.poll(untilNextResendMs(), TimeUnit.MILLISECONDS);
                if (next != null) {
                    busy = true;
                    try {
                        deliver(next);
                    } finally {
                        busy = false;
                    }
                }
                resendIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long untilNextResendMs() {
        if (sink.resendInterval().isEmpty()) {
            return 1000;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextResendNanos - System.nanoTime()));
    }

    private void deliver(EpisodeEvent event) throws InterruptedException {
        TopicPartition partition = new TopicPartition(alertsTopic, event.partition());
        int failures = 0;
        while (running) {
            if (alreadyDelivered(event)) {
                break; // e.g. a record read twice around a rebalance: the ledger knows it was accepted
            }
            try {
                sink.deliver(event);
                if (failures > 0) {
                    LOG.info("{}: {} accepted after {} failed attempts", sink.name(), event.eventId(), failures);
                }
                record(event);
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures++;
                Duration wait = retry.backoffAfter(failures);
                if (Integer.bitCount(failures) == 1) { // 1, 2, 4, 8...: a dead receiver does not flood the log
                    LOG.warn(
                            "{}: {} not accepted ({}); attempt {} failed, retrying in {} ms",
                            sink.name(),
                            event.eventId(),
                            e.getMessage(),
                            failures,
                            wait.toMillis());
                }
                Thread.sleep(wait.toMillis());
            }
        }
        if (running) {
            pending.remove(partition, event.offset());
        }
    }

    private boolean alreadyDelivered(EpisodeEvent event) {
        return ledger.get(event.alert().alertId())
                .map(e -> e.delivered(sink.name(), event.offset()))
                .orElse(false);
    }

    /** The receiver has it: remember that, retrying while Kafka is unreachable, or a restart would send it again. */
    private void record(EpisodeEvent event) throws InterruptedException {
        int failures = 0;
        while (running) {
            try {
                if (!ledger.markDelivered(event.alert().alertId(), sink.name(), event.offset())) {
                    LOG.debug(
                            "{}: episode {} left the ledger before its delivery was recorded",
                            sink.name(),
                            event.alert().alertId());
                }
                return;
            } catch (LedgerWriteException e) {
                failures++;
                LOG.warn(
                        "{}: {} delivered but not yet recorded ({}); retrying",
                        sink.name(),
                        event.eventId(),
                        e.getMessage());
                Thread.sleep(retry.backoffAfter(failures).toMillis());
            }
        }
    }

    private void resendIfDue() {
        Optional<Duration> every = sink.resendInterval();
        if (every.isEmpty() || System.nanoTime() < nextResendNanos) {
            return;
        }
        nextResendNanos = System.nanoTime() + every.get().toNanos();
        Set<Integer> owned = ownedPartitions.get();
        List<Episode> firing = ledger.select(
                e -> e.firing() && owned.contains(e.alertsPartition()) && e.delivered(sink.name(), e.lastOffset()));
        if (firing.isEmpty()) {
            return;
        }
        try {
            sink.resend(firing, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (Exception e) {
            LOG.warn(
                    "{}: re-sending {} firing alerts failed ({}); next try in {} s",
                    sink.name(),
                    firing.size(),
                    e.getMessage(),
                    every.get().toSeconds());
        }
    }

    /** Stops after the current attempt; what was not delivered stays uncommitted and comes back next start. */
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
    }
}
