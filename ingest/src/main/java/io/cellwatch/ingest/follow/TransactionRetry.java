package io.cellwatch.ingest.follow;

import java.time.Duration;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * How often, and after what pauses, the follower sends a batch again whose transaction Kafka aborted.
 *
 * <p>The defaults: 8 attempts, pausing 1 s after the first failure and twice as long after each next one
 * up to 30 s: 91 s of pauses in all, on top of the producer's own waits (each send may wait up to its
 * delivery timeout, 2 min), long enough for a broker's restart or a leader election, short enough that
 * a cluster that stays away ends the ingester with its error, for its supervisor to see.
 *
 * @param attempts  deliveries of one batch at most (the first included)
 * @param firstPause the pause after the first failure
 * @param maxPause   the longest pause
 */
record TransactionRetry(int attempts, Duration firstPause, Duration maxPause) {
    static final TransactionRetry DEFAULT = new TransactionRetry(8, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** The pause after failed attempt {@code attempt} (1-based): doubling from the first, up to the longest. */
    Duration pauseAfter(int attempt) {
        long millis = firstPause.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxPause.toMillis()));
    }

    /**
     * Whether a failed transaction may be sent again in a new one: an error Kafka's producer recovers from
     * by aborting (a timeout, a leader that moved, the coordinator aborting a transaction that outlived its
     * timeout), somewhere in the cause chain, with no fatal error there and the abort itself done (a failed
     * abort is added to the error as suppressed: only a new producer gets out of that state). Fatal: another
     * process took this ingester's transactional id (it must stop: two ingesters would deliver the same rows),
     * a refused authorization or authentication, a broker too old, a broken sequence.
     */
    static boolean abortable(Throwable error) {
        if (error.getSuppressed().length > 0) {
            return false;
        }
        boolean recoverable = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProducerFencedException
                    || t instanceof AuthorizationException
                    || t instanceof AuthenticationException
                    || t instanceof UnsupportedVersionException
                    || t instanceof OutOfOrderSequenceException) {
                return false;
            }
            recoverable |= t instanceof RetriableException
                    || t instanceof TransactionAbortableException
                    || t instanceof InvalidProducerEpochException;
        }
        return recoverable;
    }
}
