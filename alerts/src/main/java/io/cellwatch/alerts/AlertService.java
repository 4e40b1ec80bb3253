package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.ledger.DeliveryLedger;
import io.cellwatch.alerts.ledger.DeliveryLedger.LedgerWriteException;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Alert;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads committed alert events (read_committed: an alert from an aborted Streams transaction is
 * never delivered), keeps each episode's lifecycle, and delivers every event to every sink at
 * least once.
 *
 * <ul>
 *   <li>Each sink has its own queue and retries with backoff (see {@link ReceiverWorker}): a dead
 *       Alertmanager does not hold back the webhook.</li>
 *   <li>A partition's offset is committed only up to the first record some sink has not accepted,
 *       so nothing is lost when the service stops or crashes.</li>
 *   <li>The {@link DeliveryLedger} remembers per episode how far each sink has been told: records
 *       read again after a crash go only to the sinks that had not accepted them. The one window
 *       left is between a receiver's answer and the ledger write (milliseconds); receivers that
 *       must never see a repeat deduplicate on the event id.</li>
 *   <li>Resolved episodes leave the ledger once their last record is committed; firing ones stay,
 *       and sinks that need it (Alertmanager) re-send them on their cadence, also after a restart.</li>
 *   <li>If Kafka fails under it (the ledger cannot be read, a rebalance throws), the service logs
 *       why and starts its session again after a backoff instead of dying: nothing it had not
 *       committed is lost, and what receivers accepted is in the ledger.</li>
 * </ul>
 */
public final class AlertService implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    public static final String DEFAULT_GROUP_ID = "cellwatch-alerts";

    /** Events queued for one sink above which reading pauses, so a long outage does not fill memory. */
    static final int MAX_BACKLOG = 1000;

    /**
     * A crashed instance's partitions move on after 10 s instead of Kafka's 45 s (alerts it owed wait that long);
     * polls of 100 records keep a poll's worth of ledger writes well inside the poll interval.
     */
    private static final Map<String, Object> CONSUMER_TUNING = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);

    private final AlertServiceSettings settings;
    private final List<AlertSink> sinks;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Session session;

    /** The service on {@code PREFIXalerts} with the ledger and commands topics beside it, default settings. */
    public AlertService(KafkaConnection kafka, String groupId, String alertsTopic, List<AlertSink> sinks) {
        this(AlertServiceSettings.defaults(kafka, groupId, AlertTopics.besideAlertsTopic(alertsTopic)), sinks);
    }

    public AlertService(AlertServiceSettings settings, List<AlertSink> sinks) {
        this.settings = settings;
        this.sinks = List.copyOf(sinks);
        Set<String> names = new HashSet<>();
        for (AlertSink sink : this.sinks) {
            if (!names.add(sink.name())) {
                throw new IllegalArgumentException("two receivers are named " + sink.name()
                        + ": give them distinct names (the delivery ledger tells them apart by name)");
            }
        }
    }

    @Override
    public void run() {
        int failures = 0;
        try {
            while (running.get()) {
                Session current = null;
                Duration wait;
                try {
                    current = new Session();
                    session = current;
                    if (running.get()) {
                        current.run();
                    }
                    return;
                } catch (WakeupException e) {
                    if (running.get()) {
                        throw e;
                    }
                    return;
                } catch (RuntimeException e) {
                    if (!running.get()) {
                        return;
                    }
                    // A session that got as far as delivering starts the backoff afresh.
                    failures = current != null && current.assigned ? 1 : failures + 1;
                    wait = settings.retry().backoffAfter(failures);
                    if (failures == 1) {
                        LOG.error("alert delivery interrupted; starting again in {} ms", wait.toMillis(), e);
                    } else {
                        LOG.error(
                                "alert delivery interrupted again ({} times: {}); starting again in {} ms",
                                failures,
                                e.getMessage(),
                                wait.toMillis());
                    }
                } finally {
                    session = null;
                    if (current != null) {
                        current.close();
                    }
                }
                Thread.sleep(wait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sinks.forEach(AlertSink::close);
        }
    }

    /** Blocks until the service has joined its group and loaded the ledger, or the timeout passed. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running.set(false);
        Session current = session;
        if (current != null) {
            current.wakeup();
        }
    }

    /** One connection to Kafka: consumer, ledger and one worker per sink, torn down together. */
    private final class Session implements AutoCloseable {
        private final PendingOffsets pending = new PendingOffsets();
        private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
        private final Map<TopicPartition, Long> readUpTo = new HashMap<>();
        private final Map<TopicPartition, Long> committed = new HashMap<>();
        private final List<ReceiverWorker> workers = new ArrayList<>();
        private final DeliveryLedger ledger;
        private final KafkaConsumer<String, Alert> consumer;
        private boolean paused;
        /** Whether the group gave this session partitions (it got as far as delivering). */
        private volatile boolean assigned;

        Session() {
            try {
                settings.topics()
                        .ensure(
                                settings.kafka(),
                                settings.groupId() + "-admin",
                                settings.commandPartitions(),
                                settings.replicationFactor());
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "cannot create the alert topics: " + e.getCause().getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating the alert topics", e);
            }
            ledger = DeliveryLedger.open(settings.kafka(), settings.topics().deliveries(), settings.groupId());
            try {
                // Read once before reading alerts, so a ledger that cannot be read stops us here.
                ledger.reload();
                consumer = newConsumer();
            } catch (RuntimeException e) {
                ledger.close();
                throw e;
            }
        }

        void wakeup() {
            consumer.wakeup();
        }

        void run() throws InterruptedException {
            for (AlertSink sink : sinks) {
                ReceiverWorker worker = new ReceiverWorker(
                        sink,
                        settings.topics().alerts(),
                        ledger,
                        pending,
                        settings.retry(),
                        settings.clock(),
                        () -> Set.copyOf(owned));
                workers.add(worker);
                worker.start();
            }
            consumer.subscribe(List.of(settings.topics().alerts()), new Rebalance());
            LOG.info(
                    "delivering {} to {}",
                    settings.topics().alerts(),
                    sinks.stream().map(AlertSink::name).toList());
            while (running.get()) {
                pollOnce();
            }
        }

        private KafkaConsumer<String, Alert> newConsumer() {
            return new KafkaConsumer<>(
                    settings.kafka().consumer(settings.groupId(), settings.groupId(), CONSUMER_TUNING),
                    new StringDeserializer(),
                    WireSerdes.alert().deserializer());
        }

        private void pollOnce() throws InterruptedException {
            try {
                Set<TopicPartition> rewound = new HashSet<>();
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (rewound.contains(partition)) {
                        continue;
                    }
                    if (!rewound.isEmpty() || !handle(record)) {
                        // The ledger could not be written (Kafka trouble): every partition is read again from
                        // its first record not handled, so nothing of this batch is skipped.
                        consumer.seek(partition, record.offset());
                        rewound.add(partition);
                    }
                }
                if (!rewound.isEmpty()) {
                    Thread.sleep(settings.retry().initial().toMillis());
                }
            } catch (RecordDeserializationException e) {
                // Not an alert this build can read: say exactly which record, and go on past it.
                LOG.error(
                        "{} partition {} offset {}: unreadable alert skipped: {}",
                        e.topicPartition().topic(),
                        e.topicPartition().partition(),
                        e.offset(),
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
            // Past the records read, the position also skips transaction markers: committing it leaves no phantom lag.
            for (TopicPartition partition : consumer.assignment()) {
                readUpTo.put(partition, consumer.position(partition, Duration.ofSeconds(10)));
            }
            commitDelivered();
            applyBackpressure();
        }

        /** Folds one event into its episode and queues it for every sink that still needs it; false if not stored. */
        private boolean handle(ConsumerRecord<String, Alert> record) throws InterruptedException {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            Alert alert = record.value();
            if (alert != null) {
                Episode episode = ledger.get(alert.alertId()).orElse(null);
                if (Lifecycle.isNew(episode, record.offset())) {
                    episode = Lifecycle.apply(
                            episode,
                            alert,
                            record.partition(),
                            record.offset(),
                            settings.clock().millis());
                    try {
                        ledger.put(episode);
                    } catch (LedgerWriteException e) {
                        LOG.warn("{}; will read {} again", e.getMessage(), partition);
                        return false;
                    }
                }
                EpisodeEvent event = new EpisodeEvent(alert, episode, record.partition(), record.offset());
                for (ReceiverWorker worker : workers) {
                    if (!episode.delivered(worker.sink().name(), record.offset())
                            && worker.sink().wants(event)) {
                        pending.add(partition, record.offset());
                        worker.enqueue(event);
                    }
                }
            }
            return true;
        }

        private void commitDelivered() throws InterruptedException {
            Map<TopicPartition, OffsetAndMetadata> advance = new HashMap<>();
            readUpTo.forEach((partition, upTo) -> {
                long offset = pending.committable(partition, upTo);
                if (offset > committed.getOrDefault(partition, -1L)) {
                    advance.put(partition, new OffsetAndMetadata(offset));
                }
            });
            if (advance.isEmpty()) {
                return;
            }
            consumer.commitSync(advance);
            advance.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            forgetFinishedEpisodes();
        }

        /**
         * A resolved episode whose last record is committed will not be read again: nobody needs its
         * memory any more, and dropping it keeps the ledger as small as the set of open alerts.
         */
        private void forgetFinishedEpisodes() throws InterruptedException {
            String topic = settings.topics().alerts();
            for (Episode done : ledger.select(e -> !e.firing()
                    && committed.getOrDefault(new TopicPartition(topic, e.alertsPartition()), -1L) > e.lastOffset())) {
                try {
                    ledger.forget(done.alertId());
                } catch (LedgerWriteException e) {
                    LOG.debug("{} (will try again)", e.getMessage());
                    return;
                }
            }
        }

        private void applyBackpressure() {
            int backlog =
                    workers.stream().mapToInt(ReceiverWorker::backlog).max().orElse(0);
            if (!paused && backlog > MAX_BACKLOG) {
                consumer.pause(consumer.assignment());
                paused = true;
                LOG.warn("a receiver is {} events behind: reading paused until it catches up", backlog);
            } else if (paused && backlog < MAX_BACKLOG / 2) {
                consumer.resume(consumer.paused());
                paused = false;
                LOG.info("receivers caught up: reading resumed");
            }
        }

        private final class Rebalance implements ConsumerRebalanceListener {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                try {
                    commitDelivered();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.warn("committing before a rebalance failed: {}", e.toString());
                }
                release(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                release(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(p -> owned.add(p.partition()));
                // Whoever held these partitions before wrote its last deliveries to the ledger: read them.
                int episodes = ledger.reload();
                LOG.info("assigned {}; delivery ledger holds {} episodes", partitions, episodes);
                assigned = true;
                ready.countDown();
            }

            private void release(Collection<TopicPartition> partitions) {
                workers.forEach(w -> w.drop(partitions));
                for (TopicPartition partition : partitions) {
                    owned.remove(partition.partition());
                    pending.drop(partition);
                    readUpTo.remove(partition);
                    committed.remove(partition);
                }
            }
        }

        /** Stops the workers, commits what receivers accepted, and lets go of Kafka. */
        @Override
        public void close() {
            for (ReceiverWorker worker : workers) {
                try {
                    worker.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                commitDelivered();
            } catch (Exception e) {
                LOG.debug("final commit failed: {}", e.toString());
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
            ledger.close();
        }
    }
}
