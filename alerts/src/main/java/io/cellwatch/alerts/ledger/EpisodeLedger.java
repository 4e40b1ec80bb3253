package io.cellwatch.alerts.ledger;

import io.cellwatch.alerts.lifecycle.Episode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The alert service's memory of open episodes: each one's lifecycle and how far each receiver has
 * been told. A change is durable before it is visible ({@link DeliveryLedger} writes to Kafka and
 * waits for the acknowledgement); when it cannot be made durable, nothing changes and
 * {@link LedgerWriteException} says why. Implementations are thread-safe.
 */
public interface EpisodeLedger {

    Optional<Episode> get(String alertId);

    /** Stores {@code episode} durably, then in memory. */
    void put(Episode episode) throws InterruptedException;

    /**
     * Changes an episode with nothing else changing the ledger in between: the receivers' marks and a
     * new event's fold start from the same copy, so neither overwrites the other. {@code change} gets
     * the stored episode (null when there is none) and returns it unchanged when there is nothing to
     * store.
     *
     * @return the episode as stored afterwards (null when there is none)
     */
    default Episode change(String alertId, UnaryOperator<Episode> change) throws InterruptedException {
        synchronized (this) {
            Episode stored = get(alertId).orElse(null);
            Episode changed = change.apply(stored);
            if (changed != null && changed != stored) {
                put(changed);
            }
            return changed;
        }
    }

    /**
     * Records that {@code receiver} accepted the event at {@code offset} of episode {@code alertId}.
     * Returns false when the episode is not (or no longer) in the ledger.
     */
    default boolean markDelivered(String alertId, String receiver, long offset) throws InterruptedException {
        return change(alertId, e -> e == null ? null : e.withDelivered(receiver, offset)) != null;
    }

    /**
     * Records that {@code receiver} accepted the event at {@code offset} of episode {@code alertId},
     * and writes {@code records} (the receiver's: it is a Kafka topic) in the same transaction: they
     * reach their topic exactly when the ledger says they were delivered, so no crash can repeat them
     * and none can lose them. The records are written even when the episode is not (or no longer) in
     * the ledger.
     *
     * @param alertsPartition the episode's partition of the alerts topic: only its owner may write
     * @return false when the episode is not in the ledger
     * @throws LedgerFencedException when another instance holds {@code alertsPartition} now
     * @throws LedgerWriteException when the transaction failed: neither the records nor the mark count
     */
    boolean deliverWith(
            String alertId,
            int alertsPartition,
            String receiver,
            long offset,
            List<ProducerRecord<String, byte[]>> records)
            throws InterruptedException;

    /**
     * Records that a delivery of the event at {@code offset} of episode {@code alertId} to {@code
     * receiver} is about to begin, so that after a crash before its acceptance is recorded, the
     * event is sent again marked as possibly received already. Returns false when the episode is not
     * (or no longer) in the ledger.
     */
    default boolean markSending(String alertId, String receiver, long offset) throws InterruptedException {
        return change(alertId, e -> e == null ? null : e.withSending(receiver, offset)) != null;
    }

    /**
     * Writes the episode again as it is stored (nothing when there is none): a write that proves this
     * instance may still write the episode's partition, before a delivery is repeated.
     *
     * @throws LedgerFencedException when it may not (another instance holds the partition now)
     */
    default void rewrite(String alertId) throws InterruptedException {
        synchronized (this) {
            Episode stored = get(alertId).orElse(null);
            if (stored != null) {
                put(stored);
            }
        }
    }

    /** Drops an episode nobody will hear about again. */
    void forget(String alertId) throws InterruptedException;

    List<Episode> select(Predicate<Episode> which);

    int size();
}
