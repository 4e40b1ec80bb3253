package io.cellwatch.alerts.delivery.pause;

import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pause requests for a cycler bridge, opt-in by severity: one {@link PauseRequest} per alert
 * episode, on the event where the episode first fires at the threshold or above (a warning that
 * escalates to critical with the threshold at warning asks once, not twice). Resolutions ask
 * nothing.
 */
public final class PauseCommandSink implements AlertSink {
    public static final String NAME = "pause-commands";

    private final String topic;
    private final Severity threshold;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;

    public PauseCommandSink(KafkaConnection kafka, String topic, Severity threshold, Clock clock) {
        this.topic = topic;
        this.threshold = threshold;
        this.clock = clock;
        this.producer = new KafkaProducer<>(
                kafka.producer("cellwatch-pause-commands", KafkaConnection.AWAITED_SENDS),
                new StringSerializer(),
                new ByteArraySerializer());
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
        return event.firing()
                && event.alert().severity().compareTo(threshold) >= 0
                && event.episode().firstReached(threshold).orElse(-1) == event.offset();
    }

    /** A lone event (no episode known) asks for a pause when it is firing at the threshold or above. */
    @Override
    public void deliver(Alert alert) throws Exception {
        if (alert.status() == AlertStatus.FIRING && alert.severity().compareTo(threshold) >= 0) {
            send(alert, false);
        }
    }

    /**
     * A repeat says so, as a webhook's does: the topic write may have landed before the service died,
     * ahead of the ledger's record of it, so the topic may hold the request twice.
     */
    @Override
    public void deliver(EpisodeEvent event, boolean redelivery) throws Exception {
        send(event.alert(), redelivery);
    }

    private void send(Alert alert, boolean redelivery)
            throws InterruptedException, ExecutionException, TimeoutException {
        PauseRequest request = request(alert, clock.millis(), redelivery);
        producer.send(new ProducerRecord<>(topic, alert.channelId(), Json.bytes(request)))
                .get(30, TimeUnit.SECONDS);
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

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
