package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.testing.ChargingSample;
import io.cellwatch.streams.testing.ManualClock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live page's memory of a channel: kept while samples come, dropped when the channel's series retire. */
class RecentSamplesTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final RecentSamples recent = new RecentSamples(clock);

    @Test
    void aForgottenChannelStartsAfreshWithItsNextSample() {
        recent.onSample(sample("ch-1", 1), ChannelInfo.defaultsFor("ch-1"));
        clock.add(2, TimeUnit.HOURS);
        assertThat(recent.secondsSinceLastSample("ch-1")).isEqualTo(7200.0);

        recent.forget("ch-1");
        assertThat(recent.of("ch-1")).isEmpty();
        assertThat(recent.secondsSinceLastSample("ch-1")).isNull();

        recent.onSample(sample("ch-1", 2), ChannelInfo.defaultsFor("ch-1"));
        assertThat(recent.secondsSinceLastSample("ch-1")).isZero();
        assertThat(recent.of("ch-1")).isPresent();
    }

    private static Sample sample(String channel, long dataPoint) {
        return ChargingSample.of(channel, dataPoint);
    }
}
