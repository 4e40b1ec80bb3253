package io.cellwatch.streams.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpisodeTest {
    private final Episode episode = new Episode();
    private static final AlertKind KIND = AlertKind.HARD_SHORT;

    private static Episode.Evidence at(int cycle) {
        return new Episode.Evidence("ch", cycle, cycle * 100.0, null);
    }

    @Test
    void oneIdFromFiringToResolvedEscalationOnceNoRepeats() {
        Alert warning = episode.fire(KIND, Severity.WARNING, at(5), "w", Map.of("x", 1.0))
                .get(0);
        assertThat(warning.alertId()).isEqualTo("ch/hard_short/5");
        assertThat(episode.fire(KIND, Severity.WARNING, at(6), "w", Map.of()))
                .as("already said")
                .isEmpty();
        Alert critical =
                episode.fire(KIND, Severity.CRITICAL, at(7), "c", Map.of()).get(0);
        assertThat(critical.alertId()).isEqualTo(warning.alertId());
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(episode.fire(KIND, Severity.WARNING, at(8), "w", Map.of()))
                .as("no de-escalation")
                .isEmpty();
        assertThat(episode.fire(KIND, Severity.CRITICAL, at(8), "c", Map.of())).isEmpty();

        assertThat(episode.quiet(KIND, 2, at(9), "q", Map.of())).isEmpty();
        episode.signatureSeen();
        assertThat(episode.quiet(KIND, 2, at(10), "q", Map.of()))
                .as("the count started again")
                .isEmpty();
        Alert resolved = episode.quiet(KIND, 2, at(11), "q", Map.of()).get(0);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(warning.alertId());
        assertThat(resolved.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(episode.firing()).isFalse();
        assertThat(episode.fire(KIND, Severity.WARNING, at(20), "w", Map.of())
                        .get(0)
                        .alertId())
                .as("a new episode")
                .isEqualTo("ch/hard_short/20");
    }
}
