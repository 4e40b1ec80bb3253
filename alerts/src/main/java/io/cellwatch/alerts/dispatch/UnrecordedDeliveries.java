package io.cellwatch.alerts.dispatch;

import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this process sent to its receivers and the ledger has not recorded yet: kept by the alert
 * service across its sessions with Kafka, not across processes.
 *
 * <p>Why: while Kafka is away (a broker restart) a delivery cannot be marked as begun, and is sent
 * all the same; its acceptance cannot be recorded either. When the session then starts again (its
 * ledger writer was lost, its partitions were taken away and given back), the records are read
 * again, and the ledger alone would have the event sent a second time as a first delivery, which a
 * receiver deduplicating on marked repeats keeps twice. With this memory the next session records
 * an accepted event without sending it, and sends one whose attempt went unanswered marked as a
 * redelivery. Only a crash of the process while the ledger cannot be written still repeats an event
 * unmarked.
 *
 * <p>Bounded: an entry leaves when the ledger records the delivery; one whose partition went to
 * another instance stays until {@link #CAPACITY} newer ones push it out.
 */
public final class UnrecordedDeliveries {
    /** Far more than the deliveries a ledger outage of minutes leaves unrecorded; a few hundred kB at most. */
    static final int CAPACITY = 10_000;

    /** How far an unrecorded delivery got. */
    public enum Reach {
        /** Sent, with no answer or a refusal: the receiver may have it. */
        ATTEMPTED,
        /** The receiver accepted it. */
        ACCEPTED
    }

    private final Map<String, Reach> reached = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reach> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized Reach of(String receiver, EpisodeEvent event) {
        return reached.get(key(receiver, event));
    }

    /** About to be sent: the receiver may have it from now on. */
    synchronized void attempted(String receiver, EpisodeEvent event) {
        reached.putIfAbsent(key(receiver, event), Reach.ATTEMPTED);
    }

    synchronized void accepted(String receiver, EpisodeEvent event) {
        reached.put(key(receiver, event), Reach.ACCEPTED);
    }

    /** The ledger has the delivery: it speaks for it from now on, in this process and the next. */
    synchronized void recorded(String receiver, EpisodeEvent event) {
        reached.remove(key(receiver, event));
    }

    synchronized int size() {
        return reached.size();
    }

    /** The record's partition and offset name the event; its id guards against an alerts topic created anew. */
    private static String key(String receiver, EpisodeEvent event) {
        return receiver + "|" + event.partition() + "@" + event.offset() + "|" + event.eventId();
    }
}
