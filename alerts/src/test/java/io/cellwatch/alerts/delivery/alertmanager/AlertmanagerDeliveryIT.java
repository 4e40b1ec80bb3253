package io.cellwatch.alerts.delivery.alertmanager;

import static io.cellwatch.alerts.Alerts.firing;
import static io.cellwatch.alerts.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.delivery.http.HttpEndpoint;
import io.cellwatch.alerts.delivery.http.JsonPoster;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Severity;
import io.cellwatch.testing.AlertmanagerProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real Alertmanager makes of cellwatch's alerts: firing, escalated, re-sent after its restart, resolved. */
class AlertmanagerDeliveryIT {
    private static final String CHANNEL = "li-in-07";

    @TempDir
    Path dir;

    @Test
    void anEpisodeLivesAndEndsInAlertmanagerAsTheDetectorSaidIt() throws Exception {
        try (AlertmanagerProcess am = AlertmanagerProcess.start(dir)) {
            Clock clock = Clock.systemUTC();
            AlertmanagerSink sink = new AlertmanagerSink(
                    "alertmanager",
                    List.of(HttpEndpoint.parse("am", am.url(), Map.of())),
                    Duration.ofSeconds(60),
                    Map.of(),
                    clock,
                    new JsonPoster());
            long now = clock.millis();
            Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 1, now);
            Episode critical = Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 2, now);
            Episode cleared = Lifecycle.apply(critical, resolved(CHANNEL, 892, 899, Severity.CRITICAL), 0, 3, now);

            sink.deliver(new EpisodeEvent(warning.latest(), warning, 0, 1));
            JsonNode active = activeFor(am);
            assertThat(active).hasSize(1);
            JsonNode alert = active.get(0);
            assertThat(alert.path("labels").path("alertname").asText())
                    .isEqualTo("CellwatchSoftShortCapacityDivergence");
            assertThat(alert.path("labels").path("kind").asText()).isEqualTo("soft_short_capacity_divergence");
            assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
            assertThat(alert.path("status").path("state").asText()).isEqualTo("active");
            JsonNode evidence = Json.MAPPER.readTree(
                    alert.path("annotations").path("evidence").asText());
            assertThat(evidence.path("dischargeAh").asDouble()).isEqualTo(0.002554);
            assertThat(alert.path("annotations").path("description").asText()).contains("cycle 892");

            sink.deliver(new EpisodeEvent(critical.latest(), critical, 0, 2));
            assertThat(activeFor(am))
                    .extracting(a -> a.path("labels").path("severity").asText())
                    .containsExactly("critical");

            // Alertmanager keeps alerts in memory only: after a restart the re-send brings the episode back.
            am.stop();
            am.startAgain();
            assertThat(activeFor(am)).isEmpty();
            sink.resend(List.of(critical), clock.instant());
            assertThat(activeFor(am))
                    .extracting(a -> a.path("labels").path("severity").asText())
                    .containsExactly("critical");

            sink.deliver(new EpisodeEvent(cleared.latest(), cleared, 0, 3));
            assertThat(activeFor(am)).isEmpty();
        }
    }

    private static JsonNode activeFor(AlertmanagerProcess am) throws Exception {
        return Json.MAPPER.readTree(am.alerts("channel=\"" + CHANNEL + "\""));
    }
}
