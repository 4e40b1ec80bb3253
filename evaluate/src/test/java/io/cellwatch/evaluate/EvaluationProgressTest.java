package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The progress lines are paced and timed by the injected clock, never by the machine's. */
class EvaluationProgressTest {

    /** A clock that moves only when the test moves it. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void printsOnlyOnceTheIntervalHasPassedOnTheInjectedClock() {
        HandClock clock = new HandClock();
        StringWriter text = new StringWriter();
        EvaluationProgress progress = new EvaluationProgress(new PrintWriter(text), 5, clock);
        progress.begin(2, 1, 3, false);
        progress.channelDone(false, 1);
        assertThat(text.toString().lines()).hasSize(1).first().asString().endsWith("of up to 3 days, no real exports");

        clock.advance(Duration.ofSeconds(6));
        progress.channelDone(false, 1);
        assertThat(text.toString().lines())
                .hasSize(2)
                .last()
                .asString()
                .contains("fault channels 2/2")
                .endsWith("(6 s)");

        clock.advance(Duration.ofSeconds(1));
        progress.channelDone(true, 3);
        assertThat(text.toString().lines()).hasSize(2);
        progress.end();
        assertThat(text.toString().lines()).last().asString().endsWith("5 channel-days in 7 s");
    }
}
