package io.cellwatch.evaluate;

import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.simulator.lab.FaultFamily;
import io.cellwatch.simulator.lab.LabScenario;
import io.cellwatch.simulator.lab.LabSink;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lab-conditions channels played into one offline pipeline (the live topology's summarizer and
 * detectors), as {@code replay} reads their cycler's export files one after another: each cell of a
 * channel is a file of its own, so its record numbers are continued past the previous file's (as
 * {@code replay} and {@code ingest --follow} do), while a restart of the record numbers inside a
 * file reaches the pipeline as it is. Channels of a replicate group share the pipeline, whose group
 * stage judges them together when the data ends ({@link OfflinePipeline#finish}), as in
 * {@code replay}. What each channel produced is sorted back to it by channel id.
 */
final class LabPlayback {
    private final OfflinePipeline pipeline;
    private final boolean keepSeries;
    private final Map<String, Played> channels = new HashMap<>();
    private final List<Played> order = new ArrayList<>();

    /** What one channel produced and its truth. */
    private static final class Played {
        final ChannelLog log;
        final List<Alert> alerts = new ArrayList<>();
        final List<CycleSummary> cycles = new ArrayList<>();
        double lastSampleS;
        long stale;
        LabTruth truth;

        Played(ChannelLog log) {
            this.log = log;
        }
    }

    LabPlayback(DetectorSet detectors, boolean keepSeries) {
        this.keepSeries = keepSeries;
        OfflinePipeline.Listener listener = new OfflinePipeline.Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                if (keepSeries) {
                    channels.get(cycle.channelId()).cycles.add(cycle);
                }
            }

            @Override
            public void onAlert(Alert alert) {
                channels.get(alert.channelId()).alerts.add(alert);
            }

            @Override
            public void onStaleSample(Sample sample) {
                channels.get(sample.channelId()).stale++;
            }
        };
        ReadingSink readings = (channelId, reading, value) -> {
            Played played = channels.get(channelId);
            if (reading == HealthReading.OVERPOTENTIAL_V) {
                played.log.onOverpotential(played.lastSampleS, value);
            } else if (reading == HealthReading.CRITICAL_CURRENT_DENSITY_MA_PER_CM2) {
                played.log.onCriticalCurrentDensity(value);
            }
        };
        this.pipeline = new OfflinePipeline(detectors, listener, readings);
    }

    /** Plays one channel's scenario into the pipeline; returns its truth. */
    LabTruth play(LabScenario scenario) {
        ChannelLog log = new ChannelLog(scenario.declared(), keepSeries);
        Played played = new Played(scenario.family() == FaultFamily.NONE ? log : log.watchingRowsAroundOnset());
        channels.put(scenario.channelId(), played);
        order.add(played);
        DataPointSequence sequence = new DataPointSequence();
        played.truth = scenario.run(new LabSink() {
            private DataPointSequence.FileRun file;

            @Override
            public void cell(ChannelInfo declared, int segment) {
                pipeline.describe(declared);
                file = sequence.startFile();
            }

            @Override
            public void sample(Sample sample) {
                played.lastSampleS = channelSeconds(sample.wallTimeMs());
                played.log.onSample(played.lastSampleS);
                pipeline.accept(file.renumber(sample));
            }
        });
        return played.truth;
    }

    /** The data ended: open cycles summarized, groups judged; every channel's log, in the order played. */
    List<ChannelLog> finish() {
        pipeline.finish();
        List<ChannelLog> logs = new ArrayList<>();
        for (Played played : order) {
            ChannelLog log = played.log;
            LabTruth truth = played.truth;
            log.onStale(played.stale);
            log.truth(truth);
            for (Alert alert : played.alerts) {
                double s = alert.wallTimeMs() != null ? channelSeconds(alert.wallTimeMs()) : alert.testTimeS();
                log.onAlert(new LoggedAlert(alert, LabChannelRun.segmentAt(truth, s), s));
            }
            for (CycleSummary cycle : played.cycles) {
                double s = cycle.endWallTimeMs() != null ? channelSeconds(cycle.endWallTimeMs()) : cycle.endTestTimeS();
                log.onCycle(cycle, LabChannelRun.segmentAt(truth, s), s);
            }
            logs.add(log);
        }
        return logs;
    }

    static double channelSeconds(long wallTimeMs) {
        return (wallTimeMs - LabScenario.START_EPOCH_MS) / 1000.0;
    }
}
