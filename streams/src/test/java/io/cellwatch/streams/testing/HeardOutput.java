package io.cellwatch.streams.testing;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.pipeline.SequenceEvent;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * What a channel pipeline or the offline pipeline told its listener, kept for a test to compare: the
 * cycles, the alerts and the breaks in a channel's sequence, in the order heard, and how many
 * samples were stale.
 */
public final class HeardOutput implements OfflinePipeline.Listener {
    public final List<CycleSummary> cycles = new ArrayList<>();
    public final List<Alert> alerts = new ArrayList<>();
    public final List<SequenceEvent> sequenceEvents = new ArrayList<>();
    private int staleSamples;

    @Override
    public void onCycle(CycleSummary cycle) {
        cycles.add(cycle);
    }

    @Override
    public void onAlert(Alert alert) {
        alerts.add(alert);
    }

    @Override
    public void onStaleSample(Sample sample) {
        staleSamples++;
    }

    @Override
    public void onSequenceEvent(SequenceEvent event) {
        sequenceEvents.add(event);
    }

    public int staleSamples() {
        return staleSamples;
    }
}
