package io.cellwatch.alerts.dispatch;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.ledger.EpisodeLedger;
import io.cellwatch.alerts.lifecycle.Episode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sends the firing episodes a receiver already accepted an event of, on its cadence, for receivers that
 * forget an alert nobody repeats (Alertmanager resolves it after its endsAt). Only episodes of
 * partitions this instance owns: another instance re-sends the rest.
 */
final class FiringResender {
    private static final Logger LOG = LoggerFactory.getLogger(FiringResender.class);

    private final AlertSink sink;
    private final EpisodeLedger ledger;
    private final Supplier<Set<Integer>> ownedPartitions;
    private final DeliveryMetrics metrics;
    private final Optional<Duration> every;
    /**
     * Episodes whose latest event this receiver refused for good and was given up on ({@link ReceiverQueue}):
     * recorded as done in the ledger, but not re-sent, since it refused them (in one body with the others,
     * one refused alert would have the whole re-send refused, and the others resolve by their endsAt). Kept
     * by this process: after a restart they are re-sent until their next event.
     */
    private final Set<String> givenUp = new HashSet<>();

    private Instant next;

    FiringResender(
            AlertSink sink,
            EpisodeLedger ledger,
            Supplier<Set<Integer>> ownedPartitions,
            Instant now,
            DeliveryMetrics metrics) {
        this.sink = sink;
        this.ledger = ledger;
        this.ownedPartitions = ownedPartitions;
        this.metrics = metrics;
        this.every = sink.resendInterval();
        this.next = every.map(now::plus).orElse(null);
    }

    /** When the next re-send is due; empty for a receiver without a cadence. */
    Optional<Instant> next() {
        return Optional.ofNullable(next);
    }

    /** The episode's latest event was given up on: it is left out of re-sends until its next event is accepted. */
    void givenUp(String alertId) {
        givenUp.add(alertId);
    }

    /** An event of the episode was accepted: it is re-sent again. */
    void accepted(String alertId) {
        givenUp.remove(alertId);
    }

    /**
     * Re-sends if it is time; a failure is logged and tried again at the next interval.
     *
     * @param leaveOut an episode not to re-send now (its event is being refused for good), or null
     * @return whether a re-send was made and accepted now
     */
    boolean resendIfDue(Instant now, String leaveOut) {
        if (every.isEmpty() || !ReceiverQueue.due(now, next, every.get())) {
            return false;
        }
        next = now.plus(every.get());
        givenUp.removeIf(alertId -> ledger.get(alertId).isEmpty()); // episodes gone from the ledger
        Set<Integer> owned = ownedPartitions.get();
        // Every firing episode the receiver has heard of, also one whose newest event still waits in the queue (an
        // escalation behind a backlog): left out, Alertmanager would end it at its endsAt while it still fires. It
        // is re-sent as it stands now; the queued event follows in its turn.
        List<Episode> firing = ledger.select(e -> e.firing()
                && owned.contains(e.alertsPartition())
                && e.deliveredTo(sink.name()).isPresent()
                && !givenUp.contains(e.alertId())
                && !e.alertId().equals(leaveOut));
        if (firing.isEmpty()) {
            return false;
        }
        try {
            sink.resend(firing, now);
            metrics.resent(sink.name(), true);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            metrics.resent(sink.name(), false);
            LOG.warn(
                    "{}: re-sending {} firing alerts failed ({}); next try in {} s",
                    sink.name(),
                    firing.size(),
                    e.getMessage(),
                    every.get().toSeconds());
        }
        return false;
    }
}
