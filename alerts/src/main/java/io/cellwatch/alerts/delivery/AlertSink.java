package io.cellwatch.alerts.delivery;

import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.model.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A receiver of alert events (console, Alertmanager, a webhook, a cycler pause command).
 *
 * <p>Each sink gets its own delivery queue and retries: a sink that throws sees the same event
 * again after a backoff, later events wait behind it, and other sinks go on. The alert service
 * remembers per sink and episode what was accepted (see {@code DeliveryLedger}), so an accepted
 * event is not delivered to the same sink again after a restart. {@link #name()} is the key of
 * that memory: keep it stable, and free of secrets (it is logged).
 */
public interface AlertSink extends AutoCloseable {

    /** Stable, loggable name; the ledger remembers deliveries under it. */
    String name();

    /** Delivers one event; throws when the receiver did not accept it. */
    void deliver(Alert alert) throws Exception;

    /** Delivers one event with its episode; sinks that need more than the event override this. */
    default void deliver(EpisodeEvent event) throws Exception {
        deliver(event.alert());
    }

    /**
     * Delivers one event, saying whether it may have reached the receiver before: an earlier attempt
     * was begun and its outcome not recorded (the service died in between, or the receiver failed
     * after reading it). Receivers that can be told (a webhook) are; for the others a repeat is
     * harmless (Alertmanager deduplicates on labels) and this is {@link #deliver(EpisodeEvent)}.
     */
    default void deliver(EpisodeEvent event, boolean redelivery) throws Exception {
        deliver(event);
    }

    /** Whether this sink wants the event at all (e.g. pause requests only from a severity up). */
    default boolean wants(EpisodeEvent event) {
        return true;
    }

    /**
     * How often firing episodes are to be re-sent, for receivers that forget an alert that is not
     * repeated (Alertmanager); empty for the others.
     */
    default Optional<Duration> resendInterval() {
        return Optional.empty();
    }

    /**
     * Re-sends firing episodes whose latest event this sink already accepted. Called every
     * {@link #resendInterval()}; a failure is retried at the next interval.
     */
    default void resend(List<Episode> firing, Instant now) throws Exception {}

    @Override
    default void close() {}
}
