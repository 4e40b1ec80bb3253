package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.dispatch.AlertDispatcher;
import io.cellwatch.alerts.dispatch.DeliveryMetrics;
import io.cellwatch.alerts.dispatch.OffsetTracker;
import io.cellwatch.alerts.dispatch.ReceiverQueue;
import io.cellwatch.alerts.dispatch.ReceiverWorker;
import io.cellwatch.alerts.dispatch.UnrecordedDeliveries;
import io.cellwatch.alerts.ledger.DeliveryLedger;
import io.cellwatch.model.Alert;
import io.cellwatch.model.WireSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the alert service to Kafka, torn down as a whole when Kafka fails under it:
 * creates the commands and ledger topics, loads the ledger whenever it is given partitions, reads
 * committed alert events and feeds them to the {@link AlertDispatcher}, rewinds what the dispatcher
 * could not take, commits what the {@link OffsetTracker} allows, reads again for a receiver that was
 * far behind what was held back from it, and follows rebalances.
 */
final class AlertSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSession.class);

    /**
     * A crashed instance's partitions move on after 10 s instead of Kafka's 45 s (alerts it owed wait that long);
     * polls of 100 records keep a poll's worth of ledger writes well inside the poll interval.
     */
    private static final Map<String, Object> CONSUMER_TUNING = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);

    /**
     * How long a partition moving away waits for the delivery under way: a receiver's answer within its
     * 15 s of HTTP timeouts and the ledger's two writes (milliseconds while Kafka is well). Longer than
     * that, the new owner finds the delivery marked as begun and sends it as a redelivery. Well inside
     * the poll interval (5 min), which bounds a rebalance callback.
     */
    private static final Duration HAND_OVER_BOUND = Duration.ofSeconds(30);

    /**
     * How long a clean stop waits for the delivery under way: a receiver answering within its HTTP
     * timeouts (15 s), inside the 30 s a container is given to stop (Kubernetes' default grace period).
     */
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    private final AlertServiceSettings settings;
    private final Runnable onAssigned;
    private final DeliveryLedger ledger;
    private final AlertDispatcher dispatcher;
    private final KafkaConsumer<String, Alert> consumer;
    private final List<ReceiverWorker> workers = new ArrayList<>();
    private final TopicHistory history = new TopicHistory();
    private final GroupHeartbeat heartbeat;
    /** Whether the group gave this session partitions (it got as far as delivering). */
    private volatile boolean assigned;

    /**
     * Creates the topics: a session that cannot fails here, before it reads alerts. The ledger is read
     * when the group gives this session partitions, once their previous owner is fenced: read before
     * that, it could wait for a write the previous owner left open when it died.
     *
     * @param unrecorded what earlier sessions of this process sent and the ledger has not recorded
     * @param onAssigned called each time the group gives this session partitions
     */
    AlertSession(
            AlertServiceSettings settings,
            List<AlertSink> sinks,
            UnrecordedDeliveries unrecorded,
            DeliveryMetrics metrics,
            Runnable onAssigned) {
        this.settings = settings;
        this.onAssigned = onAssigned;
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
            dispatcher = new AlertDispatcher(
                    sinks, ledger, new OffsetTracker(), settings.retry(), settings.clock(), unrecorded, metrics);
            dispatcher.maxQueued(settings.maxQueued());
            Properties consumerConfig =
                    settings.kafka().consumer(settings.groupId(), settings.groupId(), CONSUMER_TUNING);
            consumer = new KafkaConsumer<>(
                    consumerConfig, new StringDeserializer(), WireSerdes.alert().deserializer());
            heartbeat = new GroupHeartbeat(consumer::metrics, groupContactLapse(consumerConfig));
            // Asked by the receivers' workers when a re-send is due, not noted by the poll loop, which a catch-up
            // keeps busy for longer than the lapse while the heartbeat thread goes on.
            dispatcher.requireGroupContact(heartbeat::recent);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    /**
     * How long after this instance's last heartbeat went out firing episodes are still re-sent: two heartbeat
     * intervals (3 s here, or the consumer protocol's 5 s where the group sets it), so one late heartbeat stops
     * nothing and a consumer cut off from the group stops re-sending well inside its session timeout.
     */
    static Duration groupContactLapse(Map<?, ?> consumerConfig) {
        boolean consumerProtocol =
                "consumer".equalsIgnoreCase(String.valueOf(consumerConfig.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)));
        long heartbeatMs = consumerProtocol
                ? 5_000
                : millis(consumerConfig.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        return Duration.ofMillis(2 * heartbeatMs);
    }

    private static long millis(Object value, long otherwise) {
        return value == null ? otherwise : Long.parseLong(value.toString().trim());
    }

    AlertDispatcher dispatcher() {
        return dispatcher;
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    boolean assigned() {
        return assigned;
    }

    void wakeup() {
        consumer.wakeup();
    }

    /** Delivers until {@code running} turns false or Kafka fails (an exception). */
    void run(BooleanSupplier running) throws InterruptedException {
        for (ReceiverQueue receiver : dispatcher.receivers()) {
            ReceiverWorker worker = new ReceiverWorker(receiver);
            workers.add(worker);
            worker.start();
        }
        consumer.subscribe(List.of(settings.topics().alerts()), new Rebalance());
        LOG.info(
                "delivering {} to {}",
                settings.topics().alerts(),
                dispatcher.receivers().stream().map(r -> r.sink().name()).toList());
        while (running.getAsBoolean()) {
            pollOnce();
        }
    }

    private void pollOnce() throws InterruptedException {
        try {
            Set<TopicPartition> rewound = new HashSet<>();
            for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (rewound.contains(partition)) {
                    continue;
                }
                if (record.value() != null
                        && history.isEndedHistory(
                                record.partition(),
                                record.offset(),
                                record.timestamp(),
                                settings.clock().millis(),
                                record.value().alertId())) {
                    continue; // an episode that fired and ended long ago, before this group ever read the topic
                }
                boolean old = history.isHistory(
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        settings.clock().millis());
                if (!rewound.isEmpty()
                        || !dispatcher.dispatch(record.value(), record.partition(), record.offset(), old)) {
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
            dispatcher.offsets().readUpTo(partition.partition(), consumer.position(partition, Duration.ofSeconds(10)));
        }
        requireLedgerWriters();
        commitDelivered();
        readAgainForReceiversCaughtUp();
    }

    /**
     * Another instance fenced this one's ledger writes for partitions the group never told it it lost
     * (it stalled past its session timeout): it delivers nothing more for them, commits nothing, and
     * joins the group again as a new session.
     */
    private void requireLedgerWriters() {
        Set<Integer> lost = ledger.lostWriters();
        if (!lost.isEmpty()) {
            throw new IllegalStateException("the delivery ledger's writes for partitions " + lost
                    + " of the alerts topic were fenced or failed (another instance may hold them now);"
                    + " joining the group again");
        }
    }

    private void commitDelivered() throws InterruptedException {
        Map<Integer, Long> advance = dispatcher.offsets().advanced();
        if (advance.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        advance.forEach((partition, offset) ->
                commit.put(new TopicPartition(settings.topics().alerts(), partition), new OffsetAndMetadata(offset)));
        consumer.commitSync(commit);
        dispatcher.offsets().committed(advance);
        dispatcher.forgetFinished();
    }

    /**
     * A receiver that was far behind has caught up: the events held back from it are read again, from the
     * first of them per partition (the commit stayed there). The other receivers, which went on meanwhile,
     * find those events delivered to them already.
     */
    private void readAgainForReceiversCaughtUp() {
        Set<TopicPartition> assigned = consumer.assignment();
        dispatcher.readAgain().forEach((partition, offset) -> {
            TopicPartition p = new TopicPartition(settings.topics().alerts(), partition);
            if (assigned.contains(p) && offset < consumer.position(p, Duration.ofSeconds(10))) {
                consumer.seek(p, offset);
            }
        });
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toList();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<Integer> moving = numbers(partitions);
            try {
                // The delivery under way ends and is recorded before the new owner reads the ledger,
                // and its offset is committed with the rest.
                if (!dispatcher.handOver(moving, HAND_OVER_BOUND)) {
                    LOG.warn(
                            "a delivery was still under way {} s after partitions {} began to move; their new"
                                    + " owner will send it again, marked as a redelivery",
                            HAND_OVER_BOUND.toSeconds(),
                            moving);
                }
                commitDelivered();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("committing before a rebalance failed: {}", e.toString());
            }
            dispatcher.revoked(moving);
            ledger.release(moving);
            history.revoked(moving);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            dispatcher.revoked(numbers(partitions));
            ledger.release(numbers(partitions));
            history.revoked(numbers(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Fence whoever held these partitions before, then read its last deliveries: none can follow.
            ledger.claim(numbers(partitions));
            int episodes = ledger.reload();
            dispatcher.assigned(numbers(partitions));
            readsHistory(partitions);
            LOG.info("assigned {}; delivery ledger holds {} episodes", partitions, episodes);
            assigned = true;
            onAssigned.run();
        }
    }

    /**
     * Notes the partitions this group has no committed offset for: their retained events are read as
     * history ({@link TopicHistory}). Where Kafka cannot say, nothing is taken for history.
     */
    private void readsHistory(Collection<TopicPartition> partitions) {
        Set<TopicPartition> assignedNow = new HashSet<>(partitions);
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignedNow);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignedNow);
            history.assigned(committed, ends);
            Map<TopicPartition, Long> fresh = new HashMap<>();
            partitions.stream().filter(p -> committed.get(p) == null).forEach(p -> fresh.put(p, ends.get(p)));
            if (!fresh.isEmpty()) {
                LOG.info(
                        "no committed offset for {}: their retained events older than {} h are read as history"
                                + " (delivered, but no pause request), except those of episodes that also ended"
                                + " there (not delivered)",
                        fresh.keySet(),
                        TopicHistory.RECENT.toHours());
                readAheadForEndedEpisodes(fresh);
            }
        } catch (KafkaException e) {
            LOG.warn(
                    "cannot tell whether {} were read before ({}): none of their events is taken for history",
                    partitions,
                    e.toString());
        }
    }

    /** The episodes that fired and ended in the history of these partitions ({@link EndedEpisodesScan}). */
    private void readAheadForEndedEpisodes(Map<TopicPartition, Long> fresh) {
        try {
            Map<Integer, Map<String, Long>> ended = EndedEpisodesScan.ended(
                    settings.kafka(),
                    settings.groupId() + "-history",
                    fresh,
                    settings.clock().millis());
            history.ended(ended);
            LOG.info(
                    "{} episodes fired and ended over an hour ago in the history of {}: not delivered",
                    ended.values().stream().mapToInt(Map::size).sum(),
                    fresh.keySet());
        } catch (KafkaException e) {
            LOG.warn(
                    "could not read ahead through the history of {} ({}): all of it is delivered",
                    fresh.keySet(),
                    e.toString());
        }
    }

    /** Stops the workers, commits what receivers accepted, and lets go of Kafka. */
    @Override
    public void close() {
        for (ReceiverWorker worker : workers) {
            try {
                worker.stop(STOP_BOUND);
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
