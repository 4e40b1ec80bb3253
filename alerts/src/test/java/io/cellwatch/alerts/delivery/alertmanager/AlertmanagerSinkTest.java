package io.cellwatch.alerts.delivery.alertmanager;

import static io.cellwatch.alerts.Alerts.firing;
import static io.cellwatch.alerts.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.delivery.http.HttpEndpoint;
import io.cellwatch.alerts.delivery.http.JsonPoster;
import io.cellwatch.alerts.delivery.http.JsonPoster.ReceiverException;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Severity;
import io.cellwatch.testing.RecordingHttpReceiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests Alertmanager gets, checked against a recording HTTP server (the real one is in AlertmanagerDeliveryIT). */
class AlertmanagerSinkTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final String CHANNEL = "sim-li-in-short-01";

    private RecordingHttpReceiver am;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        am = RecordingHttpReceiver.start();
    }

    @AfterEach
    void stop() {
        am.close();
    }

    private AlertmanagerSink sink(String... urls) {
        return new AlertmanagerSink(
                "alertmanager",
                java.util.Arrays.stream(urls)
                        .map(u -> HttpEndpoint.parse("am", u, Map.of()))
                        .toList(),
                Duration.ofSeconds(60),
                Map.of("lab", "b3"),
                clock,
                new JsonPoster());
    }

    private JsonNode lastBody() throws Exception {
        List<RecordingHttpReceiver.Request> requests = am.requests();
        assertThat(requests).isNotEmpty();
        RecordingHttpReceiver.Request last = requests.get(requests.size() - 1);
        assertThat(last.method()).isEqualTo("POST");
        assertThat(last.path()).isEqualTo("/api/v2/alerts");
        assertThat(last.headers()).containsEntry("content-type", "application/json");
        return Json.MAPPER.readTree(last.body());
    }

    @Test
    void aFiringAlertCarriesLabelsEvidenceAndAnEndFourIntervalsAhead() throws Exception {
        Episode warning = Lifecycle.apply(
                null,
                firing(CHANNEL, 892, 892, Severity.WARNING).withProfile("lithium-metal+solid-state"),
                1,
                7,
                NOW.toEpochMilli());

        sink(am.url("")).deliver(new EpisodeEvent(warning.latest(), warning, 1, 7));

        JsonNode alerts = lastBody();
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("CellwatchSoftShortCapacityDivergence");
        assertThat(alert.path("labels").path("channel").asText()).isEqualTo(CHANNEL);
        assertThat(alert.path("labels").path("kind").asText()).isEqualTo("soft_short_capacity_divergence");
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(alert.path("labels").path("lab").asText()).isEqualTo("b3");
        assertThat(alert.path("annotations").path("summary").asText())
                .isEqualTo("WARNING soft short capacity divergence on " + CHANNEL + " at cycle 892");
        assertThat(alert.path("annotations").path("description").asText())
                .isEqualTo(warning.latest().message());
        JsonNode evidence =
                Json.MAPPER.readTree(alert.path("annotations").path("evidence").asText());
        assertThat(evidence.path("chargeAh").asDouble())
                .isEqualTo(warning.latest().evidence().get("chargeAh"));
        assertThat(evidence.path("coulombicEfficiency").asDouble()).isEqualTo(0.8486);
        assertThat(alert.path("annotations").path("alert_id").asText()).isEqualTo(warning.alertId());
        assertThat(alert.path("annotations").path("profile").asText()).isEqualTo("lithium-metal+solid-state");
        assertThat(Instant.parse(alert.path("startsAt").asText()))
                .isEqualTo(Instant.ofEpochMilli(warning.startsAtMs()));
        assertThat(Instant.parse(alert.path("endsAt").asText())).isEqualTo(NOW.plusSeconds(240));
    }

    @Test
    void anEscalationClosesTheWarningInTheSameRequest() throws Exception {
        long now = NOW.toEpochMilli();
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 7, now);
        Episode critical = Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 8, now);

        sink(am.url("")).deliver(new EpisodeEvent(critical.latest(), critical, 0, 8));

        JsonNode alerts = lastBody();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(Instant.parse(alerts.get(0).path("endsAt").asText())).isAfter(NOW);
        assertThat(alerts.get(1).path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(Instant.parse(alerts.get(1).path("endsAt").asText())).isEqualTo(NOW);
        assertThat(alerts.get(1).path("startsAt").asText())
                .isEqualTo(alerts.get(0).path("startsAt").asText());
    }

    @Test
    void aReplayedWarningDoesNotCloseACriticalThatCameLater() throws Exception {
        long now = NOW.toEpochMilli();
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 7, now);
        Episode critical = Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 8, now);

        // A receiver that is behind gets the warning event while the episode is already critical.
        sink(am.url("")).deliver(new EpisodeEvent(warning.latest(), critical, 0, 7));

        JsonNode alerts = lastBody();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("labels").path("severity").asText()).isEqualTo("warning");
    }

    @Test
    void aResolutionClosesEverySeverityTheEpisodeFiredAt() throws Exception {
        long start = NOW.minusSeconds(3600).toEpochMilli();
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 7, start);
        Episode critical = Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 8, start);
        Episode cleared = Lifecycle.apply(
                critical,
                resolved(CHANNEL, 892, 899, Severity.CRITICAL),
                0,
                9,
                NOW.minusSeconds(60).toEpochMilli());

        sink(am.url("")).deliver(new EpisodeEvent(cleared.latest(), cleared, 0, 9));

        JsonNode alerts = lastBody();
        assertThat(alerts)
                .extracting(a -> a.path("labels").path("severity").asText())
                .containsExactly("warning", "critical");
        Instant clearedOnTheCycler = Instant.ofEpochMilli(cleared.latest().wallTimeMs());
        assertThat(alerts).allSatisfy(a -> {
            assertThat(Instant.parse(a.path("endsAt").asText())).isEqualTo(clearedOnTheCycler);
            assertThat(a.path("annotations").path("summary").asText()).startsWith("RESOLVED");
        });
    }

    @Test
    void aResendRepeatsTheCurrentSeverityWithAFreshEnd() throws Exception {
        long now = NOW.toEpochMilli();
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 7, now);
        Episode critical = Lifecycle.apply(warning, firing(CHANNEL, 892, 893, Severity.CRITICAL), 0, 8, now);

        sink(am.url("")).resend(List.of(critical), NOW.plusSeconds(60));

        JsonNode alerts = lastBody();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(Instant.parse(alerts.get(0).path("endsAt").asText())).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void oneLiveClusterMemberIsEnoughAndNoneIsAFailure() throws Exception {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 7, NOW.toEpochMilli());
        EpisodeEvent event = new EpisodeEvent(warning.latest(), warning, 0, 7);
        String dead = "http://127.0.0.1:1";

        sink(dead, am.url("")).deliver(event);
        assertThat(am.requests()).hasSize(1);

        am.answer(503);
        assertThatThrownBy(() -> sink(dead, am.url("")).deliver(event))
                .isInstanceOf(ReceiverException.class)
                .hasMessageContaining("http://127.0.0.1:1: connection refused")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aClusterRefusesForGoodOnlyWhenEveryMemberDoes() throws Exception {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 7, NOW.toEpochMilli());
        EpisodeEvent event = new EpisodeEvent(warning.latest(), warning, 0, 7);
        am.answer(400);
        try (RecordingHttpReceiver second = RecordingHttpReceiver.start()) {
            second.answer(400);
            assertThatThrownBy(() -> sink(am.url(""), second.url("")).deliver(event))
                    .isInstanceOfSatisfying(
                            ReceiverException.class,
                            e -> assertThat(e.forGood()).isTrue());
        }
        assertThatThrownBy(() -> sink(am.url(""), "http://127.0.0.1:1").deliver(event))
                .as("the member that is down may take it once it is back")
                .isInstanceOfSatisfying(
                        ReceiverException.class, e -> assertThat(e.forGood()).isFalse());
    }

    @Test
    void aMemberThatFailedIsPassedOverForAWhileWhileAnotherIsUp() throws Exception {
        Episode warning = Lifecycle.apply(null, firing(CHANNEL, 892, 892, Severity.WARNING), 0, 7, NOW.toEpochMilli());
        EpisodeEvent event = new EpisodeEvent(warning.latest(), warning, 0, 7);
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (RecordingHttpReceiver failing = RecordingHttpReceiver.start()) {
            failing.answer(503);
            AlertmanagerSink sink = new AlertmanagerSink(
                    "alertmanager",
                    List.of(
                            HttpEndpoint.parse("am", failing.url(""), Map.of()),
                            HttpEndpoint.parse("am", am.url(""), Map.of())),
                    Duration.ofSeconds(60),
                    Map.of(),
                    moving,
                    new JsonPoster());
            // Every failure here counts as slow (a timeout's): a 503 is fast, and its member is not passed over.
            sink.passOverAfterFailuresSlowerThan(Duration.ZERO);
            sink.deliver(event);
            assertThat(failing.attempts()).isEqualTo(1);
            assertThat(am.requests()).hasSize(1);

            now.set(NOW.plusSeconds(10));
            sink.deliver(event);
            assertThat(failing.attempts())
                    .as("passed over while the other member is up")
                    .isEqualTo(1);
            assertThat(am.requests()).hasSize(2);

            now.set(NOW.plus(AlertmanagerSink.RETRY_FAILED_MEMBER_AFTER).plusSeconds(1));
            sink.deliver(event);
            assertThat(failing.attempts()).as("tried again at its time").isEqualTo(2);

            // The other member fails too: the one passed over is tried before the event counts as refused.
            am.answer(503);
            now.set(now.get().plusSeconds(1));
            assertThatThrownBy(() -> sink.deliver(event)).isInstanceOf(ReceiverException.class);
            assertThat(failing.attempts())
                    .as("tried when no other member took it")
                    .isEqualTo(3);
            now.set(now.get().plusSeconds(1));
            assertThatThrownBy(() -> sink.deliver(event)).isInstanceOf(ReceiverException.class);
            assertThat(failing.attempts())
                    .as("every member failing: every one tried")
                    .isEqualTo(4);

            // With the default threshold a fast failure (an error answer) is never passed over.
            AlertmanagerSink fastFailures = new AlertmanagerSink(
                    "alertmanager",
                    List.of(
                            HttpEndpoint.parse("am", failing.url(""), Map.of()),
                            HttpEndpoint.parse("am", am.url(""), Map.of())),
                    Duration.ofSeconds(60),
                    Map.of(),
                    moving,
                    new JsonPoster());
            am.answer(200);
            fastFailures.deliver(event);
            fastFailures.deliver(event);
            assertThat(failing.attempts()).isEqualTo(6);
        }
    }
}
