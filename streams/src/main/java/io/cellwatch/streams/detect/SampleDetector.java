package io.cellwatch.streams.detect;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.util.List;

/**
 * A detector that judges a channel sample by sample, so it can speak during a cycle (an imminent
 * short inside a charge step, an overpotential collapse inside a half-cycle) rather than after it.
 * Pure Java: all memory lives in the state object {@code S}, which must stay bounded in size (running
 * sums, last values, a few baselines) whatever the length of the test.
 *
 * <p>The state also keeps the channel's last data point: samples not newer than it (redelivered
 * rows) are ignored, as the cycle summarizer ignores them.
 *
 * @param <S> the per-channel state, serializable by the state-store codec (plain fields)
 */
public interface SampleDetector<S> extends ChannelDetector<S> {

    /**
     * Folds one sample into the state; returns the alert events it caused (usually none) and may
     * report health readings.
     */
    List<Alert> onSample(S state, Sample sample, ChannelInfo channel, ReadingSink readings);
}
