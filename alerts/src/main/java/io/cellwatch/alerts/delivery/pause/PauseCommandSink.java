package io.cellwatch.alerts.delivery.pause;

import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.delivery.TopicSink;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.model.Alert;
import io.cellwatch.model.Severity;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Pause requests for a cycler bridge, opt-in by severity: one {@link PauseRequest} per alert
 * episode, on the event where the episode first fires at the threshold or above (a warning that
 * escalates to critical with the threshold at warning asks once, not twice). Resolutions ask
 * nothing. The request is written in the delivery ledger's transaction ({@link TopicSink}), so a
 * bridge reading with read_committed sees it once. The topic's history read by a new consumer group
 * ({@link EpisodeEvent#history}) asks nothing.
 */
public final class PauseCommandSink implements TopicSink {
    public static final String NAME = "pause-commands";

    private final String topic;
    private final Severity threshold;
    private final Clock clock;

    public PauseCommandSink(String topic, Severity threshold, Clock clock) {
        this.topic = topic;
        this.threshold = threshold;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    public Severity threshold() {
        return threshold;
    }

    @Override
    public boolean wants(EpisodeEvent event) {
        // A new group reading the topic's history would pause channels for episodes long over, on channels
        // that may run another test by now.
        return !event.history()
                && event.firing()
                && event.alert().severity().compareTo(threshold) >= 0
                && event.episode().firstReached(threshold).orElse(-1) == event.offset();
    }

    @Override
    public List<ProducerRecord<String, byte[]>> records(EpisodeEvent event, boolean retry) {
        Alert alert = event.alert();
        return List.of(
                new ProducerRecord<>(topic, alert.channelId(), Json.bytes(request(alert, clock.millis(), retry))));
    }

    static PauseRequest request(Alert alert, long nowMs, boolean redelivery) {
        return new PauseRequest(
                PauseRequest.SCHEMA_VERSION,
                alert.alertId() + "/pause",
                PauseRequest.PAUSE,
                alert.channelId(),
                alert.alertId(),
                alert.kind(),
                alert.severity(),
                alert.cycleIndex(),
                alert.message(),
                nowMs,
                redelivery ? Boolean.TRUE : null);
    }
}
