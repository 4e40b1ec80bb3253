package io.cellwatch.alerts.delivery.webhook;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void eachEventIsOneJsonDocumentWithAStableIdAndTheConfiguredHeaders() throws Exception {
        try (RecordingHttpReceiver hook = RecordingHttpReceiver.start()) {
            WebhookSink sink = new WebhookSink(
                    "lab-chat",
                    HttpEndpoint.parse(
                            "webhook lab-chat",
                            hook.url("/hooks/T0/SECRET"),
                            Map.of("Authorization", "Bearer tok-SECRET")),
                    clock,
                    new JsonPoster());
            Episode warning = Lifecycle.apply(
                    null, firing("ch-3", 40, 41, Severity.WARNING).withProfile("li-ion"), 2, 5, NOW.toEpochMilli());
            Episode cleared =
                    Lifecycle.apply(warning, resolved("ch-3", 40, 45, Severity.WARNING), 2, 9, NOW.toEpochMilli());

            sink.deliver(new EpisodeEvent(warning.latest(), warning, 2, 5));
            sink.deliver(new EpisodeEvent(cleared.latest(), cleared, 2, 9));

            assertThat(hook.requests()).hasSize(2);
            assertThat(hook.requests().get(0).path()).isEqualTo("/hooks/T0/SECRET");
            assertThat(hook.requests().get(0).headers()).containsEntry("authorization", "Bearer tok-SECRET");
            JsonNode fired = Json.MAPPER.readTree(hook.requests().get(0).body());
            assertThat(fired.path("id").asText())
                    .isEqualTo("ch-3/soft_short_capacity_divergence/40@firing/warning@t=442800s");
            assertThat(fired.path("status").asText()).isEqualTo("firing");
            assertThat(fired.path("channel").asText()).isEqualTo("ch-3");
            assertThat(fired.path("kind").asText()).isEqualTo("soft_short_capacity_divergence");
            assertThat(fired.path("cycle").asInt()).isEqualTo(41);
            assertThat(fired.path("evidence").path("dischargeAh").asDouble()).isEqualTo(0.002554);
            assertThat(fired.has("endsAt")).isFalse();
            assertThat(fired.path("profile").asText()).isEqualTo("li-ion");
            assertThat(fired.has("redelivery"))
                    .as("a first delivery is not marked")
                    .isFalse();
            assertThat(hook.requests().get(0).headers())
                    .containsEntry(
                            "idempotency-key", "ch-3/soft_short_capacity_divergence/40@firing/warning@t=442800s");
            JsonNode cleared2 = Json.MAPPER.readTree(hook.requests().get(1).body());
            assertThat(cleared2.path("id").asText())
                    .isEqualTo("ch-3/soft_short_capacity_divergence/40@resolved@t=486000s");
            assertThat(cleared2.path("startsAt").asText())
                    .isEqualTo(fired.path("startsAt").asText());
            assertThat(cleared2.path("endsAt").asText()).isNotEmpty();
            assertThat(sink.toString()).doesNotContain("SECRET");
        }
    }

    @Test
    void anythingButTwoHundredIsRefusalWithoutTheSecretPath() throws Exception {
        try (RecordingHttpReceiver hook = RecordingHttpReceiver.start()) {
            hook.answer(500);
            WebhookSink sink = new WebhookSink(
                    "w", HttpEndpoint.parse("w", hook.url("/hooks/SECRET"), Map.of()), clock, new JsonPoster());

            assertThatThrownBy(() -> sink.deliver(firing("ch-3", 40, 41, Severity.WARNING)))
                    .isInstanceOf(ReceiverException.class)
                    .hasMessageContaining("HTTP 500")
                    .hasMessageNotContaining("SECRET");
        }
    }

    @Test
    void aRedeliveryIsMarkedSoAReceiverCanDropItByItsId() throws Exception {
        try (RecordingHttpReceiver hook = RecordingHttpReceiver.start()) {
            WebhookSink sink =
                    new WebhookSink("w", HttpEndpoint.parse("w", hook.url("/h"), Map.of()), clock, new JsonPoster());
            Episode warning = Lifecycle.apply(null, firing("ch-3", 40, 41, Severity.WARNING), 2, 5, NOW.toEpochMilli());
            EpisodeEvent event = new EpisodeEvent(warning.latest(), warning, 2, 5);

            sink.deliver(event, false);
            sink.deliver(event, true);

            JsonNode first = Json.MAPPER.readTree(hook.requests().get(0).body());
            JsonNode again = Json.MAPPER.readTree(hook.requests().get(1).body());
            assertThat(again.path("redelivery").asBoolean()).isTrue();
            assertThat(again.path("id").asText()).isEqualTo(first.path("id").asText());
            assertThat(hook.requests().get(1).headers()).containsEntry("idempotency-key", event.eventId());
        }
    }

    @Test
    void aChannelNamedBeyondAsciiIsDeliveredWithItsIdInTheBodyOnly() throws Exception {
        try (RecordingHttpReceiver hook = RecordingHttpReceiver.start()) {
            WebhookSink sink =
                    new WebhookSink("w", HttpEndpoint.parse("w", hook.url("/h"), Map.of()), clock, new JsonPoster());
            Episode warning = Lifecycle.apply(null, firing("电池-α", 40, 41, Severity.WARNING), 2, 5, NOW.toEpochMilli());

            sink.deliver(new EpisodeEvent(warning.latest(), warning, 2, 5), false);

            assertThat(hook.requests()).hasSize(1);
            assertThat(hook.requests().get(0).headers()).doesNotContainKey("idempotency-key");
            assertThat(Json.MAPPER
                            .readTree(hook.requests().get(0).body())
                            .path("id")
                            .asText())
                    .startsWith("电池-α/");
        }
    }
}
