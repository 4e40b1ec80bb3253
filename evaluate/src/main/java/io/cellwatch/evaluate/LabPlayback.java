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
import io.cellwatch.streams.detect.quality.DataQualityWatch;
import io.cellwatch.streams.detect.quality.StallState;
import io.cellwatch.streams.detect.quality.StallWatch;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lab-conditions channels played into one offline pipeline (the live topology's summarizer and
 * detectors), as {@code replay} reads their cycler's export files one after another: each cell of a
 * channel is a file of its own, so its record numbers are continued past the previous file's (as
 * {@code replay} and {@code ingest --follow} do), while a restart of the record numbers inside a
 * file reaches the pipeline as it is. Channels of a replicate group share the pipeline, whose group
 * stage judges them together when the data ends ({@link OfflinePipeline#finish}), as in
 * {@code replay}. What each channel produced is sorted back to it by channel id.
 *
 * <p>Each alert is logged with the moment the live topology would send it, on the rows' clock (a
 * cycler logging in real time): the row the pipeline was taking in when it came (a cycle detector's
 * alert comes with the next cycle's first row, which closes the cycle its evidence names), for a
 * replicate group's alert the row that closed the cycle whose arrival made the group judge, and for
 * the stall warning, which live reads the wall clock, the channel's last row plus its limit, when
 * the next row comes later than that ({@link StallWatch#dueAtMs}). A channel's events are logged in
 * that order.
 */
final class LabPlayback {
    private final OfflinePipeline pipeline;
    private final boolean keepSeries;
    private final Map<String, Played> channels = new HashMap<>();
    /** The stall warning, played on the rows' clock; null without the data-quality watch. */
    private final StallWatch stalls;

    private final List<Played> order = new ArrayList<>();

    /** What one channel produced and its truth. */
    private static final class Played {
        final ChannelLog log;
        final List<Sent> alerts = new ArrayList<>();
        /** When each of its cycles reached the group stage (channel seconds), by test and cycle. */
        final Map<String, Double> groupCycleArrivals = new HashMap<>();

        final StallState stall = new StallState();
        ChannelInfo declared;
        final List<CycleSummary> cycles = new ArrayList<>();
        double lastSampleS;
        long stale;
        LabTruth truth;

        Played(ChannelLog log) {
            this.log = log;
        }
    }

    /** An alert and the channel second the live topology would send it. */
    private record Sent(Alert alert, double sentS) {}

    LabPlayback(DetectorSet detectors, boolean keepSeries) {
        this.keepSeries = keepSeries;
        this.stalls = detectors.dataQuality().map(DataQualityWatch::stallWatch).orElse(null);
        OfflinePipeline.Listener listener = new OfflinePipeline.Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                if (keepSeries) {
                    channels.get(cycle.channelId()).cycles.add(cycle);
                }
            }

            @Override
            public void onAlert(Alert alert) {
                Played played = channels.get(alert.channelId());
                played.alerts.add(new Sent(alert, played.lastSampleS));
            }

            @Override
            public void onGroupCycle(GroupCycle cycle) {
                Played played = channels.get(cycle.channelId());
                played.groupCycleArrivals.put(cycle.test() + "|" + cycle.cycleIndex(), played.lastSampleS);
            }

            @Override
            public void onGroupAlert(GroupCycle judgedOn, Alert alert) {
                double sentS = channels.get(judgedOn.channelId())
                        .groupCycleArrivals
                        .get(judgedOn.test() + "|" + judgedOn.cycleIndex());
                channels.get(alert.channelId()).alerts.add(new Sent(alert, sentS));
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
                played.declared = declared;
                pipeline.describe(declared);
                file = sequence.startFile();
            }

            @Override
            public void sample(Sample sample) {
                stallDueBefore(played, sample);
                played.lastSampleS = channelSeconds(sample.wallTimeMs());
                played.log.onSample(played.lastSampleS);
                pipeline.accept(file.renumber(sample));
                stallResolvedBy(played, sample);
            }
        });
        return played.truth;
    }

    /**
     * The stall warning live would have raised before this row came (the previous row's moment plus the
     * channel's limit), named after the test of the rows before it.
     */
    private void stallDueBefore(Played played, Sample sample) {
        if (stalls == null) {
            return;
        }
        OptionalLong due = stalls.dueAtMs(played.stall, played.declared);
        if (due.isPresent() && sample.wallTimeMs() > due.getAsLong()) {
            for (Alert alert : stalls.check(played.stall, played.declared, due.getAsLong())) {
                played.alerts.add(new Sent(alert, channelSeconds(due.getAsLong())));
            }
        }
    }

    /**
     * The row's arrival as the stall watch sees it live: after the pipeline took the row in, with the test
     * the row belongs to (a new cell's first row starts a test whose episodes' ids carry its suffix);
     * resolves a firing stall.
     */
    private void stallResolvedBy(Played played, Sample sample) {
        if (stalls == null) {
            return;
        }
        long arrivalMs = sample.wallTimeMs();
        String testIdSuffix = pipeline.alertIdSuffix(sample.channelId());
        for (Alert alert : stalls.onSample(played.stall, sample, arrivalMs, played.declared, testIdSuffix)) {
            played.alerts.add(new Sent(alert, channelSeconds(arrivalMs)));
        }
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
            // Stable: a channel's own events keep the pipeline's order, a group's alert goes where it was sent.
            played.alerts.sort(Comparator.comparingDouble(Sent::sentS));
            for (Sent sent : played.alerts) {
                Alert alert = sent.alert();
                double s = alert.wallTimeMs() != null ? channelSeconds(alert.wallTimeMs()) : alert.testTimeS();
                log.onAlert(new LoggedAlert(alert, LabChannelRun.segmentAt(truth, s), s, sent.sentS()));
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
