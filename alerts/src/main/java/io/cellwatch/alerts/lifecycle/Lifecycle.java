package io.cellwatch.alerts.lifecycle;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds alert events into their episode: firing, escalating, resolving. Pure: the caller supplies
 * the clock reading and stores the result.
 */
public final class Lifecycle {
    private Lifecycle() {}

    /**
     * The episode after {@code event}, read at {@code offset} of {@code partition}.
     *
     * <p>Receivers are told the episode started at the cycler's time of the first event, unless
     * that lies in the future of this service's clock (a cycler clock running ahead, or a simulator
     * at thousands of times real time): Alertmanager refuses an alert that ends before it starts,
     * so the start is never later than the moment the service first saw the episode.
     *
     * @param previous the episode so far, or null for its first event
     * @param nowMs    this service's clock
     */
    public static Episode apply(Episode previous, Alert event, int partition, long offset, long nowMs) {
        long eventTimeMs = event.wallTimeMs() == null ? nowMs : Math.min(event.wallTimeMs(), nowMs);
        long startsAtMs = previous == null ? eventTimeMs : previous.startsAtMs();
        Map<String, Long> firstFiring =
                new LinkedHashMap<>(previous == null ? Map.of() : previous.firstFiringOffsets());
        Long endsAtMs = null;
        if (event.status() == AlertStatus.FIRING) {
            firstFiring.putIfAbsent(event.severity().wireName(), offset);
        } else {
            endsAtMs = Math.max(startsAtMs, eventTimeMs);
        }
        return new Episode(
                Episode.SCHEMA_VERSION,
                event.alertId(),
                event,
                partition,
                offset,
                startsAtMs,
                endsAtMs,
                firstFiring,
                previous == null ? Map.of() : previous.deliveredOffsets(),
                previous == null ? Map.of() : previous.sendingOffsets(),
                previous == null ? 1 : previous.revision() + 1);
    }

    /**
     * Whether the event at {@code offset} is news for the episode: not already folded in, as it is
     * when a record is read again after a crash before its offset was committed.
     */
    public static boolean isNew(Episode previous, long offset) {
        return previous == null || offset > previous.lastOffset();
    }
}
