package io.cellwatch.alerts.dispatch;

import io.cellwatch.alerts.ledger.EpisodeLedger;
import io.cellwatch.alerts.ledger.LedgerFencedException;
import io.cellwatch.alerts.ledger.LedgerWriteException;
import io.cellwatch.alerts.lifecycle.Episode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The ledger's contract without Kafka; {@link #unreachable} plays Kafka being away, {@link #fenced}
 * another instance having taken this one's partitions over while it stalled.
 */
public final class InMemoryLedger implements EpisodeLedger {
    private final Map<String, Episode> episodes = new HashMap<>();
    public volatile boolean unreachable;
    public volatile boolean fenced;

    @Override
    public synchronized Optional<Episode> get(String alertId) {
        return Optional.ofNullable(episodes.get(alertId));
    }

    @Override
    public synchronized void put(Episode episode) {
        requireReachable(episode.alertId());
        if (fenced) {
            throw new LedgerFencedException(
                    "partition " + episode.alertsPartition() + " fenced: " + episode.alertId() + " not written",
                    episode.alertsPartition(),
                    null);
        }
        episodes.put(episode.alertId(), episode);
    }

    /** What {@link #deliverWith} wrote for topic receivers, in order: only writes that counted. */
    public final List<ProducerRecord<String, byte[]>> written = new ArrayList<>();

    @Override
    public synchronized boolean deliverWith(
            String alertId,
            int alertsPartition,
            String receiver,
            long offset,
            List<ProducerRecord<String, byte[]>> records) {
        requireReachable(alertId);
        if (fenced) {
            throw new LedgerFencedException(
                    "partition " + alertsPartition + " fenced: " + alertId + " not written", alertsPartition, null);
        }
        Episode stored = episodes.get(alertId);
        if (stored != null) {
            episodes.put(alertId, stored.withDelivered(receiver, offset));
        }
        written.addAll(records);
        return stored != null;
    }

    @Override
    public synchronized void forget(String alertId) {
        requireReachable(alertId);
        episodes.remove(alertId);
    }

    @Override
    public synchronized List<Episode> select(Predicate<Episode> which) {
        return episodes.values().stream().filter(which).toList();
    }

    @Override
    public synchronized int size() {
        return episodes.size();
    }

    private void requireReachable(String alertId) {
        if (unreachable) {
            throw new LedgerWriteException("cannot write the ledger for " + alertId + ": Kafka is away", null);
        }
    }
}
