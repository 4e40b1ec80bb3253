package io.cellwatch.streams.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.streams.detect.CapacityReference.Verdict;
import org.junit.jupiter.api.Test;

class CapacityReferenceTest {
    private final CapacityReference.Settings settings = CapacityReference.Settings.defaults();
    private final CapacityReference reference = new CapacityReference();

    @Test
    void startsFromTheMedianOfTheFirstCyclesSoOneOddCycleAmongThemDoesNotSkewIt() {
        assertThat(reference.classify(1.00, 0.99, settings)).isEqualTo(Verdict.LEARNING);
        assertThat(reference.classify(0.01, 0.09, settings)).isEqualTo(Verdict.LEARNING); // an HPPC cycle
        assertThat(reference.classify(1.01, 1.00, settings)).isEqualTo(Verdict.LEARNING);
        assertThat(reference.established()).isTrue();
        assertThat(reference.chargeAh()).isEqualTo(1.00);
        assertThat(reference.dischargeAh()).isEqualTo(0.99);
        assertThat(reference.takeFirstCycles(settings)).hasDimensions(2, 2);
        assertThat(reference.takeFirstCycles(settings)).as("once").isEmpty();
    }

    @Test
    void bothCapacitiesOffTheSameWayIsAProtocolCycleOppositeWaysIsJudged() {
        for (int i = 0; i < 3; i++) {
            reference.classify(1.0, 0.99, settings);
        }
        assertThat(reference.classify(2.2, 2.15, settings)).as("slow RPT cycle").isEqualTo(Verdict.PROTOCOL);
        assertThat(reference.classify(0.47, 0.05, settings)).as("pulse cycle").isEqualTo(Verdict.PROTOCOL);
        assertThat(reference.classify(1.25, 0.80, settings)).as("a leak").isEqualTo(Verdict.ORDINARY);
        assertThat(reference.classify(1.18, 1.0, settings))
                .as("deeper charge after a diagnostic")
                .isEqualTo(Verdict.ORDINARY);
        assertThat(reference.chargeAh()).as("neither moved the reference").isEqualTo(1.0);
        assertThat(reference.classify(0.995, 0.985, settings)).isEqualTo(Verdict.ORDINARY);
        assertThat(reference.chargeAh()).isCloseTo(0.999, within(1e-12));
    }

    @Test
    void aLastingNewLevelBecomesTheReference() {
        for (int i = 0; i < 3; i++) {
            reference.classify(1.0, 0.99, settings);
        }
        for (int i = 0; i < settings.relearnAfter() - 1; i++) {
            assertThat(reference.classify(1.3, 1.29, settings)).isEqualTo(Verdict.PROTOCOL);
        }
        assertThat(reference.classify(1.3, 1.29, settings)).isEqualTo(Verdict.RELEARNED);
        assertThat(reference.chargeAh()).isCloseTo(1.3, within(1e-9));
        assertThat(reference.classify(1.3, 1.29, settings)).isEqualTo(Verdict.ORDINARY);
    }
}
