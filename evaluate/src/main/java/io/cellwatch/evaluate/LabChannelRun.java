package io.cellwatch.evaluate;

import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.simulator.lab.LabScenario;
import io.cellwatch.simulator.lab.LabSink;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays one lab-conditions scenario through the offline pipeline (the live topology's summarizer
 * and detectors) as {@code replay} would read it from its cycler's export files: each cell of the
 * channel is a file of its own, so its record numbers are continued past the previous file's (as
 * {@code replay} and {@code ingest --follow} do), while a restart of the record numbers inside a
 * file reaches the pipeline as it is.
 */
public final class LabChannelRun {
    private LabChannelRun() {}

    public static ChannelLog run(LabScenario scenario, DetectorSet detectors, boolean keepSeries) {
        ChannelLog log = new ChannelLog(scenario.declared(), keepSeries);
        List<Alert> alerts = new ArrayList<>();
        List<CycleSummary> cycles = new ArrayList<>();
        double[] lastSampleS = {0};
        OfflinePipeline.Listener listener = new OfflinePipeline.Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                if (keepSeries) {
                    cycles.add(cycle);
                }
            }

            @Override
            public void onAlert(Alert alert) {
                alerts.add(alert);
            }
        };
        ReadingSink readings = (channelId, reading, value) -> {
            if (reading == HealthReading.OVERPOTENTIAL_V) {
                log.onOverpotential(lastSampleS[0], value);
            } else if (reading == HealthReading.CRITICAL_CURRENT_DENSITY_MA_PER_CM2) {
                log.onCriticalCurrentDensity(value);
            }
        };
        OfflinePipeline pipeline = new OfflinePipeline(detectors, listener, readings);
        DataPointSequence sequence = new DataPointSequence();
        LabTruth truth = scenario.run(new LabSink() {
            private DataPointSequence.FileRun file;

            @Override
            public void cell(ChannelInfo declared, int segment) {
                pipeline.describe(declared);
                file = sequence.startFile();
            }

            @Override
            public void sample(Sample sample) {
                log.onSample();
                lastSampleS[0] = channelSeconds(sample.wallTimeMs());
                pipeline.accept(file.renumber(sample));
            }
        });
        pipeline.finish();
        log.onStale(pipeline.staleSamples());
        log.truth(truth);
        for (Alert alert : alerts) {
            double s = alert.wallTimeMs() != null ? channelSeconds(alert.wallTimeMs()) : alert.testTimeS();
            log.onAlert(new LoggedAlert(alert, segmentAt(truth, s), s));
        }
        for (CycleSummary cycle : cycles) {
            double s = cycle.endWallTimeMs() != null ? channelSeconds(cycle.endWallTimeMs()) : cycle.endTestTimeS();
            log.onCycle(cycle, segmentAt(truth, s), s);
        }
        return log;
    }

    static double channelSeconds(long wallTimeMs) {
        return (wallTimeMs - LabScenario.START_EPOCH_MS) / 1000.0;
    }

    /** The cell of the channel running at this channel second. */
    static int segmentAt(LabTruth truth, double channelS) {
        int segment = 0;
        for (int i = 0; i < truth.segments().size(); i++) {
            if (truth.segments().get(i).startS() <= channelS + 1e-3) {
                segment = i;
            }
        }
        return segment;
    }
}
