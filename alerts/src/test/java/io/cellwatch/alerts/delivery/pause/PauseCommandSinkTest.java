package io.cellwatch.alerts.delivery.pause;

import static io.cellwatch.alerts.Alerts.firing;
import static io.cellwatch.alerts.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Which events ask for a pause; the Kafka side is in AlertServiceIT. */
class PauseCommandSinkTest {
    private final Episode warning =
            Lifecycle.apply(null, firing("ch-9", 10, 11, Severity.WARNING), 0, 100, Long.MAX_VALUE);
    private final Episode critical =
            Lifecycle.apply(warning, firing("ch-9", 10, 12, Severity.CRITICAL), 0, 101, Long.MAX_VALUE);
    private final Episode cleared =
            Lifecycle.apply(critical, resolved("ch-9", 10, 16, Severity.CRITICAL), 0, 102, Long.MAX_VALUE);

    @Test
    void atCriticalOnlyTheEscalationAsks() {
        PauseCommandSink sink = new PauseCommandSink("t", Severity.CRITICAL, Clock.systemUTC());
        assertThat(sink.wants(new EpisodeEvent(warning.latest(), warning, 0, 100)))
                .isFalse();
        assertThat(sink.wants(new EpisodeEvent(critical.latest(), critical, 0, 101)))
                .isTrue();
        assertThat(sink.wants(new EpisodeEvent(cleared.latest(), cleared, 0, 102)))
                .isFalse();
    }

    @Test
    void atWarningTheFirstFiringAsksAndTheEscalationDoesNotAskAgain() {
        PauseCommandSink sink = new PauseCommandSink("t", Severity.WARNING, Clock.systemUTC());
        // Read with the episode as it is later (a receiver behind): the decision is the same.
        assertThat(sink.wants(new EpisodeEvent(warning.latest(), cleared, 0, 100)))
                .isTrue();
        assertThat(sink.wants(new EpisodeEvent(critical.latest(), cleared, 0, 101)))
                .isFalse();
    }

    @Test
    void theTopicsHistoryReadByANewGroupAsksNothing() {
        PauseCommandSink sink = new PauseCommandSink("t", Severity.CRITICAL, Clock.systemUTC());
        assertThat(sink.wants(new EpisodeEvent(critical.latest(), critical, 0, 101, true)))
                .isFalse();
    }

    @Test
    void theRequestNamesChannelEpisodeAndReason() {
        PauseRequest request = PauseCommandSink.request(critical.latest(), 1234L, false);

        assertThat(request.commandId()).isEqualTo(critical.alertId() + "/pause");
        assertThat(request.action()).isEqualTo("pause");
        assertThat(request.channelId()).isEqualTo("ch-9");
        assertThat(request.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(request.reason()).isEqualTo(critical.latest().message());
        assertThat(request.requestedAtMs()).isEqualTo(1234L);
        assertThat(new String(Json.bytes(request), StandardCharsets.UTF_8))
                .as("a first request carries no mark")
                .doesNotContain("redelivery");
    }

    @Test
    void aRepeatIsMarkedWithTheSameCommandId() {
        PauseRequest first = PauseCommandSink.request(critical.latest(), 1234L, false);
        PauseRequest repeat = PauseCommandSink.request(critical.latest(), 5678L, true);

        assertThat(repeat.commandId()).isEqualTo(first.commandId());
        assertThat(repeat.redelivery()).isTrue();
        assertThat(new String(Json.bytes(repeat), StandardCharsets.UTF_8)).contains("\"redelivery\":true");
    }
}
