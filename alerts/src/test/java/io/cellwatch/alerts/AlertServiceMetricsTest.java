package io.cellwatch.alerts;

import static io.cellwatch.alerts.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.alerts.dispatch.AlertDispatcher;
import io.cellwatch.alerts.dispatch.InMemoryLedger;
import io.cellwatch.alerts.dispatch.ManualClock;
import io.cellwatch.alerts.dispatch.OffsetTracker;
import io.cellwatch.alerts.dispatch.ReceiverQueue;
import io.cellwatch.model.Severity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The alert service's meters as Prometheus scrapes them, driven through the dispatcher on a manual clock. */
class AlertServiceMetricsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-03T00:00:00Z"));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RecordingSink webhook = new RecordingSink("webhook");
    private final RecordingSink alertmanager = new RecordingSink("alertmanager", Duration.ofSeconds(60));
    private final List<AlertSink> sinks = List.of(alertmanager, webhook);
    private final AtomicReference<AlertDispatcher> running = new AtomicReference<>();
    private final AlertServiceMetrics metrics = new AlertServiceMetrics(registry, sinks, running::get);

    private double value(String series) {
        return registry.scrape()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + registry.scrape()));
    }

    @Test
    void everyReceiversSeriesExistsFromTheStartAndTheLedgerIsUnknownBetweenSessions() {
        for (String receiver : List.of("webhook", "alertmanager")) {
            assertThat(value("cellwatch_alert_deliveries_total{outcome=\"accepted\",receiver=\"" + receiver + "\"}"))
                    .isZero();
            assertThat(value("cellwatch_alert_deliveries_total{outcome=\"failed\",receiver=\"" + receiver + "\"}"))
                    .isZero();
            assertThat(value("cellwatch_alert_delivery_retries_total{receiver=\"" + receiver + "\"}"))
                    .isZero();
            assertThat(value("cellwatch_alert_redeliveries_total{receiver=\"" + receiver + "\"}"))
                    .isZero();
            assertThat(value("cellwatch_alert_queue_depth{receiver=\"" + receiver + "\"}"))
                    .isZero();
            assertThat(value("cellwatch_alert_oldest_undelivered_age_seconds{receiver=\"" + receiver + "\"}"))
                    .isZero();
        }
        assertThat(value("cellwatch_alert_resends_total{outcome=\"accepted\",receiver=\"alertmanager\"}"))
                .isZero();
        assertThat(registry.scrape())
                .as("no cadence, no re-sends")
                .doesNotContain("resends_total{outcome=\"accepted\",receiver=\"webhook\"}");
        assertThat(value("cellwatch_alert_session_restarts_total")).isZero();
        assertThat(value("cellwatch_alert_ledger_episodes")).isNaN();
    }

    @Test
    void deliveriesRetriesQueueAgeLedgerAndResendsAreCounted() throws Exception {
        InMemoryLedger ledger = new InMemoryLedger();
        AlertDispatcher dispatcher =
                new AlertDispatcher(sinks, ledger, new OffsetTracker(), RetryPolicy.DEFAULT, clock, metrics);
        dispatcher.assigned(List.of(0));
        running.set(dispatcher);
        ReceiverQueue am = dispatcher.receiver("alertmanager").orElseThrow();
        ReceiverQueue hook = dispatcher.receiver("webhook").orElseThrow();
        alertmanager.down = true;

        dispatcher.dispatch(firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        dispatcher.dispatch(firing("ch-2", 7, 8, Severity.CRITICAL), 0, 1);
        hook.step();
        hook.step();
        clock.advance(am.step()); // refused
        clock.advance(am.step()); // refused again: a retry
        clock.advance(Duration.ofMillis(250));

        assertThat(value("cellwatch_alert_deliveries_total{outcome=\"accepted\",receiver=\"webhook\"}"))
                .isEqualTo(2);
        assertThat(value("cellwatch_alert_deliveries_total{outcome=\"failed\",receiver=\"alertmanager\"}"))
                .isEqualTo(2);
        assertThat(value("cellwatch_alert_delivery_retries_total{receiver=\"alertmanager\"}"))
                .isEqualTo(1);
        assertThat(value("cellwatch_alert_redeliveries_total{receiver=\"alertmanager\"}"))
                .as("a retry in the same process is a retry, not a redelivery after a restart")
                .isZero();
        assertThat(value("cellwatch_alert_queue_depth{receiver=\"alertmanager\"}"))
                .isEqualTo(2);
        assertThat(value("cellwatch_alert_queue_depth{receiver=\"webhook\"}")).isZero();
        assertThat(value("cellwatch_alert_oldest_undelivered_age_seconds{receiver=\"alertmanager\"}"))
                .isEqualTo(1.75);
        assertThat(value("cellwatch_alert_ledger_episodes")).isEqualTo(2);

        alertmanager.down = false;
        clock.advance(am.step());
        clock.advance(am.step());
        assertThat(value("cellwatch_alert_queue_depth{receiver=\"alertmanager\"}"))
                .isZero();
        assertThat(value("cellwatch_alert_oldest_undelivered_age_seconds{receiver=\"alertmanager\"}"))
                .isZero();
        clock.advance(Duration.ofSeconds(60));
        am.step();
        assertThat(value("cellwatch_alert_resends_total{outcome=\"accepted\",receiver=\"alertmanager\"}"))
                .isEqualTo(1);

        metrics.sessionRestarted();
        assertThat(value("cellwatch_alert_session_restarts_total")).isEqualTo(1);
    }

    @Test
    void anEventSentAgainAfterARestartBecauseItsAcceptanceWasNotRecordedIsCounted() throws Exception {
        InMemoryLedger ledger = new InMemoryLedger();
        webhook.afterAccepting = () -> ledger.unreachable = true; // the service dies before recording it
        AlertDispatcher before =
                new AlertDispatcher(List.of(webhook), ledger, new OffsetTracker(), RetryPolicy.DEFAULT, clock, metrics);
        before.assigned(List.of(0));
        before.dispatch(firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        before.receiver("webhook").orElseThrow().step();

        webhook.afterAccepting = () -> {};
        ledger.unreachable = false;
        AlertDispatcher after =
                new AlertDispatcher(List.of(webhook), ledger, new OffsetTracker(), RetryPolicy.DEFAULT, clock, metrics);
        after.assigned(List.of(0));
        after.dispatch(firing("ch-1", 20, 21, Severity.WARNING), 0, 0);
        after.receiver("webhook").orElseThrow().step();

        assertThat(webhook.redeliveryMarks).containsExactly(false, true);
        assertThat(value("cellwatch_alert_redeliveries_total{receiver=\"webhook\"}"))
                .isEqualTo(1);
    }
}
