package io.cellwatch.streams.detect;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import java.util.List;

/**
 * A detector that judges a channel once per closed cycle. Pure Java: all memory lives in the state
 * object {@code S}, which must stay bounded in size whatever the length of the test.
 *
 * @param <S> the per-channel state, serializable by the state-store codec (plain fields)
 */
public interface CycleDetector<S> extends ChannelDetector<S> {

    /**
     * Folds one cycle into the state; returns the alert events it caused (often none) and may report
     * health readings for dashboards.
     */
    List<Alert> onCycle(S state, CycleSummary cycle, ChannelInfo channel, ReadingSink readings);
}
