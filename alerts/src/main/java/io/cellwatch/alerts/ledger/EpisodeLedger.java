package io.cellwatch.alerts.ledger;

import io.cellwatch.alerts.lifecycle.Episode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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
     * Records that {@code receiver} accepted the event at {@code offset} of episode {@code alertId}.
     * Returns false when the episode is not (or no longer) in the ledger.
     */
    default boolean markDelivered(String alertId, String receiver, long offset) throws InterruptedException {
        synchronized (this) {
            Optional<Episode> episode = get(alertId);
            if (episode.isEmpty()) {
                return false;
            }
            Episode updated = episode.get().withDelivered(receiver, offset);
            if (updated != episode.get()) {
                put(updated);
            }
            return true;
        }
    }

    /** Drops an episode nobody will hear about again. */
    void forget(String alertId) throws InterruptedException;

    List<Episode> select(Predicate<Episode> which);

    int size();
}
