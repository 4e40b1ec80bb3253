package io.cellwatch.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.alertmanager.AlertmanagerSink;
import io.cellwatch.alerts.delivery.pause.PauseCommandSink;
import io.cellwatch.alerts.delivery.webhook.WebhookSink;
import io.cellwatch.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiversTest {

    @Test
    void flagsBecomeOneAlertmanagerClusterWebhooksAndAPauseSink() {
        ReceiversConfig config = ReceiversConfig.none()
                .withFlags(
                        List.of("http://am-1:9093", "http://am-2:9093"),
                        List.of("https://chat.example.org/hooks/SECRET"),
                        Severity.CRITICAL);

        List<AlertSink> sinks = Receivers.sinks(config, "cellwatch.commands", Clock.systemUTC());
        try {
            assertThat(sinks).hasSize(3);
            assertThat(sinks.get(0)).isInstanceOf(AlertmanagerSink.class);
            assertThat(sinks.get(0).name()).isEqualTo("alertmanager");
            assertThat(sinks.get(0).resendInterval()).contains(Duration.ofMinutes(1));
            assertThat(sinks.get(1)).isInstanceOf(WebhookSink.class);
            assertThat(sinks.get(1).name()).matches("webhook-[0-9a-f]{8}").doesNotContain("SECRET");
            assertThat(sinks.get(2)).isInstanceOf(PauseCommandSink.class);
            assertThat(((PauseCommandSink) sinks.get(2)).threshold()).isEqualTo(Severity.CRITICAL);
        } finally {
            sinks.forEach(AlertSink::close);
        }
    }

    @Test
    void aWebhookKeepsItsNameAcrossRestartsAndUrlsTellThemApart() {
        assertThat(Receivers.fingerprint("http://a/1")).isEqualTo(Receivers.fingerprint(" http://a/1 "));
        assertThat(Receivers.fingerprint("http://a/1")).isNotEqualTo(Receivers.fingerprint("http://a/2"));
    }

    @Test
    void alertmanagerSettingsFromTheFileWithUrlsFromFlags() {
        ReceiversConfig fileOnly = new ReceiversConfig(
                new ReceiversConfig.AlertmanagerReceiver(null, null, 5, null, null), List.of(), null);
        assertThatThrownBy(() -> Receivers.sinks(fileOnly, "t", Clock.systemUTC()))
                .hasMessageContaining("alertmanager: no URL");

        List<AlertSink> sinks =
                Receivers.sinks(fileOnly.withFlags(List.of("http://am:9093"), List.of(), null), "t", Clock.systemUTC());
        assertThat(sinks)
                .singleElement()
                .satisfies(s -> assertThat(s.resendInterval()).contains(Duration.ofSeconds(5)));
    }

    @Test
    void badReceiversAreNamed() {
        assertThatThrownBy(() -> Receivers.sinks(
                        ReceiversConfig.none().withFlags(List.of(), List.of("mailto:x"), null), "t", Clock.systemUTC()))
                .hasMessage("webhook 1: URL must start with http:// or https://");
        ReceiversConfig badLabel = new ReceiversConfig(
                new ReceiversConfig.AlertmanagerReceiver(
                        null, List.of("http://am:9093"), null, null, java.util.Map.of("severity", "x")),
                List.of(),
                null);
        assertThatThrownBy(() -> Receivers.sinks(badLabel, "t", Clock.systemUTC()))
                .hasMessageContaining("'severity' is set by cellwatch itself");
        ReceiversConfig badName = new ReceiversConfig(
                null, List.of(new ReceiversConfig.WebhookReceiver("lab chat!", "http://a/1", null)), null);
        assertThatThrownBy(() -> Receivers.sinks(badName, "t", Clock.systemUTC()))
                .hasMessageContaining("receiver name 'lab chat!'");
    }
}
