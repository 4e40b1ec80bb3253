package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.model.WireCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveAlertsTest {

    @Test
    void anEpisodeOpensEscalatesInPlaceAndClosesOnResolution() {
        Alert warning = alert(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 892, Severity.WARNING, AlertStatus.FIRING);
        Alert critical = alert(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 892, Severity.CRITICAL, AlertStatus.FIRING);
        Alert imminent = alert(AlertKind.IMMINENT_SHORT, 897, Severity.CRITICAL, AlertStatus.FIRING);
        Alert resolved = alert(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 892, Severity.WARNING, AlertStatus.RESOLVED);

        ActiveAlerts active = ActiveAlerts.NONE.apply(warning);
        assertThat(active.firing()).containsExactly(warning);
        active = active.apply(imminent).apply(critical);
        assertThat(active.firing())
                .as("escalation replaces the episode's warning, in place")
                .containsExactly(critical, imminent);
        active = active.apply(resolved);
        assertThat(active.firing()).containsExactly(imminent);
        assertThat(active.apply(alert(AlertKind.IMMINENT_SHORT, 897, Severity.CRITICAL, AlertStatus.RESOLVED))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aResolutionOfAnUnknownEpisodeChangesNothing() {
        ActiveAlerts active =
                ActiveAlerts.NONE.apply(alert(AlertKind.IMMINENT_SHORT, 897, Severity.CRITICAL, AlertStatus.FIRING));
        assertThat(active.apply(alert(AlertKind.VOLTAGE_DROP, 3, Severity.WARNING, AlertStatus.RESOLVED)))
                .isEqualTo(active);
    }

    @Test
    void survivesTheStoreCodec() {
        ActiveAlerts active = ActiveAlerts.NONE
                .apply(alert(AlertKind.IMMINENT_SHORT, 897, Severity.CRITICAL, AlertStatus.FIRING))
                .apply(alert(AlertKind.VOLTAGE_DROP, 3, Severity.WARNING, AlertStatus.FIRING));
        WireCodec<ActiveAlerts> codec = WireCodec.of(ActiveAlerts.class);
        assertThat(codec.fromBytes(codec.toBytes(active))).isEqualTo(active);
    }

    private static Alert alert(AlertKind kind, int firstCycle, Severity severity, AlertStatus status) {
        return new Alert(
                1,
                Alert.episodeId("li-in", kind, firstCycle),
                "li-in",
                kind,
                severity,
                status,
                firstCycle,
                firstCycle * 3600.0,
                null,
                kind.wireName(),
                Map.of("ce", 0.84));
    }
}
