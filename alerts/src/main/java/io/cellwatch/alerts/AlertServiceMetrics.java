package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.dispatch.AlertDispatcher;
import io.cellwatch.alerts.dispatch.DeliveryMetrics;
import io.cellwatch.alerts.dispatch.ReceiverQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The alert service's meters, registered once for the service's life (sessions come and go under
 * them), every receiver's series from the start so that rates and alerting rules see zeros rather
 * than nothing:
 *
 * <ul>
 *   <li>{@code cellwatch_alert_deliveries_total{receiver,outcome="accepted"|"failed"}}: delivery attempts</li>
 *   <li>{@code cellwatch_alert_delivery_retries_total{receiver}}: attempts after a failure</li>
 *   <li>{@code cellwatch_alert_events_given_up_total{receiver}}: events the receiver refused for good past the
 *       retry policy's give-up time, not delivered to it</li>
 *   <li>{@code cellwatch_alert_redeliveries_total{receiver}}: events sent again, marked as redeliveries,
 *       because a previous process began their delivery and did not record it as accepted</li>
 *   <li>{@code cellwatch_alert_resends_total{receiver,outcome}}: re-sends of firing episodes (receivers with a cadence)</li>
 *   <li>{@code cellwatch_alert_queue_depth{receiver}}: events waiting, the one in flight included</li>
 *   <li>{@code cellwatch_alert_oldest_undelivered_age_seconds{receiver}}: how long the oldest of them has
 *       waited since the service read it; 0 when none waits</li>
 *   <li>{@code cellwatch_alert_ledger_episodes}: open episodes in the delivery ledger (NaN between sessions)</li>
 *   <li>{@code cellwatch_alert_session_restarts_total}: sessions started again after Kafka failed under one</li>
 * </ul>
 */
final class AlertServiceMetrics implements DeliveryMetrics {
    private static final String DELIVERIES = "cellwatch.alert.deliveries";
    private static final String RESENDS = "cellwatch.alert.resends";

    private final Map<String, Counter> accepted = new HashMap<>();
    private final Map<String, Counter> failed = new HashMap<>();
    private final Map<String, Counter> retries = new HashMap<>();
    private final Map<String, Counter> givenUp = new HashMap<>();
    private final Map<String, Counter> redeliveries = new HashMap<>();
    private final Map<String, Counter> resendsOk = new HashMap<>();
    private final Map<String, Counter> resendsFailed = new HashMap<>();
    private final Counter restarts;

    /** @param dispatcher the running session's dispatcher, or null between sessions */
    AlertServiceMetrics(MeterRegistry registry, List<AlertSink> sinks, Supplier<AlertDispatcher> dispatcher) {
        for (AlertSink sink : sinks) {
            String name = sink.name();
            accepted.put(name, attempts(registry, DELIVERIES, name, "accepted"));
            failed.put(name, attempts(registry, DELIVERIES, name, "failed"));
            givenUp.put(
                    name,
                    Counter.builder("cellwatch.alert.events.given.up")
                            .description("Alert events the receiver refused for good (an HTTP 4xx but 408, 425, 429)"
                                    + " past the retry policy's give-up time: not delivered to it, left in the"
                                    + " alerts topic")
                            .tag("receiver", name)
                            .register(registry));
            retries.put(
                    name,
                    Counter.builder("cellwatch.alert.delivery.retries")
                            .description("Alert event deliveries tried again after a failure")
                            .tag("receiver", name)
                            .register(registry));
            redeliveries.put(
                    name,
                    Counter.builder("cellwatch.alert.redeliveries")
                            .description("Alert events sent again, marked as redeliveries, because a previous"
                                    + " process began their delivery and did not record it as accepted")
                            .tag("receiver", name)
                            .register(registry));
            if (sink.resendInterval().isPresent()) {
                resendsOk.put(name, attempts(registry, RESENDS, name, "accepted"));
                resendsFailed.put(name, attempts(registry, RESENDS, name, "failed"));
            }
            Supplier<Optional<ReceiverQueue>> queue =
                    () -> Optional.ofNullable(dispatcher.get()).flatMap(d -> d.receiver(name));
            Gauge.builder(
                            "cellwatch.alert.queue.depth",
                            queue,
                            q -> q.get().map(ReceiverQueue::backlog).orElse(0))
                    .description("Alert events waiting for the receiver, the one in flight included")
                    .tag("receiver", name)
                    .strongReference(true)
                    .register(registry);
            TimeGauge.builder(
                            "cellwatch.alert.oldest.undelivered.age",
                            queue,
                            TimeUnit.SECONDS,
                            q -> q.get()
                                    .map(r -> r.oldestWaiting().toMillis() / 1000.0)
                                    .orElse(0.0))
                    .description("How long the oldest alert event the receiver has not accepted has waited")
                    .tag("receiver", name)
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("cellwatch.alert.ledger.episodes", dispatcher, d -> {
                    AlertDispatcher current = d.get();
                    return current == null ? Double.NaN : current.openEpisodes();
                })
                .description("Open alert episodes in the delivery ledger")
                .strongReference(true)
                .register(registry);
        restarts = Counter.builder("cellwatch.alert.session.restarts")
                .description("Alert service sessions started again after Kafka failed under one")
                .register(registry);
    }

    /** A counter of {@link #DELIVERIES} or {@link #RESENDS} for one receiver and outcome. */
    private static Counter attempts(MeterRegistry registry, String name, String receiver, String outcome) {
        return Counter.builder(name)
                .description(
                        name.equals(DELIVERIES)
                                ? "Alert event delivery attempts by receiver and outcome"
                                : "Re-sends of firing alert episodes by receiver and outcome")
                .tag("receiver", receiver)
                .tag("outcome", outcome)
                .register(registry);
    }

    void sessionRestarted() {
        restarts.increment();
    }

    @Override
    public void accepted(String receiver) {
        count(accepted, receiver);
    }

    @Override
    public void failed(String receiver) {
        count(failed, receiver);
    }

    @Override
    public void gaveUp(String receiver) {
        count(givenUp, receiver);
    }

    @Override
    public void retried(String receiver) {
        count(retries, receiver);
    }

    @Override
    public void redelivered(String receiver) {
        count(redeliveries, receiver);
    }

    @Override
    public void resent(String receiver, boolean ok) {
        count(ok ? resendsOk : resendsFailed, receiver);
    }

    private static void count(Map<String, Counter> counters, String receiver) {
        Counter counter = counters.get(receiver);
        if (counter != null) {
            counter.increment();
        }
    }
}
