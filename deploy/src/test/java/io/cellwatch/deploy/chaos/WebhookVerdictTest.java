package io.cellwatch.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.deploy.chaos.WebhookRecorder.Delivery;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a chaos run counts what the webhook and the commands topic received against replay's alert events. */
class WebhookVerdictTest {
    private static final String EPISODE = "ch-1/critical_current_density/13";

    private static Alert firing(int cycle, double testTimeS) {
        return new Alert(
                Alert.SCHEMA_VERSION,
                EPISODE,
                "ch-1",
                AlertKind.CRITICAL_CURRENT_DENSITY,
                Severity.CRITICAL,
                AlertStatus.FIRING,
                cycle,
                testTimeS,
                null,
                "short at cycle " + cycle,
                Map.of());
    }

    /** Replay's events of one channel: an alert, then its update at the same severity (the short's resistance). */
    private static final Map<String, List<Alert>> REPLAYED =
            Map.of("ch-1", List.of(firing(13, 46_800), firing(13, 46_920.5)));

    private static final String FIRST = EPISODE + "@firing/critical@t=46800s";
    private static final String UPDATE = EPISODE + "@firing/critical@t=46920.5s";

    @Test
    void anUpdateAtTheSameSeverityIsAnEventOfItsOwn() {
        Comparison verdict =
                ChaosVerification.webhook(REPLAYED, List.of(new Delivery(FIRST, false), new Delivery(UPDATE, false)));

        assertThat(verdict.mismatches()).as(verdict.line()).isZero();
        assertThat(verdict.expected()).isEqualTo(2);
    }

    @Test
    void aMarkedRedeliveryOfAnIdAlreadyReceivedIsLeftOutAndAnUnmarkedRepeatIsDoubled() {
        List<Delivery> marked =
                List.of(new Delivery(FIRST, false), new Delivery(FIRST, true), new Delivery(UPDATE, false));
        List<Delivery> unmarked =
                List.of(new Delivery(FIRST, false), new Delivery(FIRST, false), new Delivery(UPDATE, false));

        assertThat(ChaosVerification.firstCopies(marked)).hasSize(2);
        assertThat(ChaosVerification.webhook(REPLAYED, ChaosVerification.firstCopies(marked))
                        .mismatches())
                .isZero();
        Comparison doubled = ChaosVerification.webhook(REPLAYED, ChaosVerification.firstCopies(unmarked));
        assertThat(doubled.doubled()).as(doubled.line()).isEqualTo(1);
    }

    @Test
    void aMarkedFirstArrivalCountsAsTheDelivery() {
        List<Delivery> onlyMarked = List.of(new Delivery(FIRST, true), new Delivery(UPDATE, false));

        assertThat(ChaosVerification.firstCopies(onlyMarked)).hasSize(2);
        assertThat(ChaosVerification.webhook(REPLAYED, onlyMarked).missing()).isZero();
    }

    @Test
    void anEpisodeThatReachedCriticalAsksForOnePauseAndASecondRequestIsDoubled() {
        Comparison once = ChaosVerification.pauses(REPLAYED, Map.of("ch-1", List.of(EPISODE + "/pause")));
        Comparison twice =
                ChaosVerification.pauses(REPLAYED, Map.of("ch-1", List.of(EPISODE + "/pause", EPISODE + "/pause")));
        Comparison none = ChaosVerification.pauses(REPLAYED, Map.of());

        assertThat(once.mismatches()).as(once.line()).isZero();
        assertThat(once.expected())
                .as("the update at the same severity asks nothing more")
                .isEqualTo(1);
        assertThat(twice.doubled()).as(twice.line()).isEqualTo(1);
        assertThat(none.missing()).as(none.line()).isEqualTo(1);
    }
}
