package io.cellwatch.streams.detect.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CeHealthyLevelsTest {
    private static final double ALPHA = 0.1;
    private static final int BASELINE_CYCLES = 5;
    private static final double BAND = 0.10;

    private final CeHealthyLevels levels = new CeHealthyLevels();

    /** Cycles of 1 A both ways (2 h under current per Ah charged) taking {@code upAh} and returning {@code returned}. */
    private void cycles(int from, int to, Double temperatureC, double upAh, double returned) {
        for (int c = from; c <= to; c++) {
            levels.learn(
                    c, temperatureC, upAh, upAh * returned, 3600 * upAh * (1 + returned), ALPHA, BASELINE_CYCLES, BAND);
        }
    }

    @Test
    void theBalanceHeldInAChamberIsKeptThroughAStepAndFoundOnTheReturn() {
        cycles(1, 30, 25.0, 1.0, 0.998);
        cycles(31, 60, 45.0, 1.2, 0.996);
        cycles(61, 90, 25.0, 1.0, 0.96); // back at 25 °C, already leaking: learnt as healthy by a restarted baseline

        CeHealthyLevel level = levels.healthiestAt(25.0, 1.0, 0.95, 3600 * 1.95, BAND);
        assertThat(level).isNotNull();
        assertThat(level.highest).isCloseTo(0.998, within(1e-9));
        assertThat(levels.healthiestAt(45.5, 1.2, 1.19, 3600 * 2.39, BAND).highest)
                .isCloseTo(0.996, within(1e-9));
    }

    @Test
    void anotherCapacityInTheSameChamberIsAnotherCellOrProtocolAndNotCountedAgainstIt() {
        cycles(1, 30, 25.0, 1.0, 0.998);

        assertThat(levels.healthiestAt(25.0, 0.5, 0.49, 3600 * 0.99, BAND)).isNull();
        assertThat(levels.healthiestAt(25.0, 1.0, 0.99, 3600 * 4.0, BAND))
                .as("the same capacity at half the rate: twice the hours for per-hour losses")
                .isNull();
    }

    @Test
    void noBalanceBeforeABaselinesWorthOfCyclesNorWithoutATemperature() {
        cycles(1, BASELINE_CYCLES - 1, 25.0, 1.0, 0.998);
        cycles(BASELINE_CYCLES, 40, null, 1.0, 0.998);

        assertThat(levels.healthiestAt(25.0, 1.0, 0.99, 3600 * 1.99, BAND)).isNull();
        assertThat(levels.healthiestAt(null, 1.0, 0.99, 3600 * 1.99, BAND)).isNull();
    }

    @Test
    void aFewSetsOfConditionsAreKeptTheLeastRecentlySeenForgotten() {
        for (int k = 0; k <= CeHealthyLevels.REMEMBERED; k++) {
            cycles(10 * k + 1, 10 * k + 10, 10.0 * k, 1.0, 0.998);
        }
        assertThat(levels.remembered).hasSize(CeHealthyLevels.REMEMBERED);
        assertThat(levels.healthiestAt(0.0, 1.0, 0.998, 3600 * 1.998, BAND)).isNull();
        assertThat(levels.healthiestAt(10.0, 1.0, 0.998, 3600 * 1.998, BAND)).isNotNull();
    }
}
