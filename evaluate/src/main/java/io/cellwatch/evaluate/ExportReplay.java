package io.cellwatch.evaluate;

import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One real export through the offline pipeline: read by its format, renumbered as ingest would,
 * every cycle and alert counted, and the alerts folded into episodes.
 */
final class ExportReplay {
    private ExportReplay() {}

    static RealExports.Row replay(
            Path file, String relative, CyclerFormat format, KnownExports.Known known, DetectorSet detectors) {
        List<Alert> alerts = new ArrayList<>();
        int[] cycles = {0};
        long[] counts = {0, 0};
        OfflinePipeline pipeline = new OfflinePipeline(detectors, new OfflinePipeline.Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                cycles[0]++;
            }

            @Override
            public void onAlert(Alert alert) {
                alerts.add(alert);
            }
        });
        ChannelInfo declared = known.overrides().applyTo(ChannelInfo.defaultsFor(SourceFile.stem(file)));
        DataPointSequence.FileRun numbering = new DataPointSequence().startFile();
        String error = null;
        try {
            pipeline.describe(declared);
            format.read(new SourceFile(file, declared, false, ZoneOffset.UTC), new RecordSink() {
                @Override
                public void channel(ChannelInfo info) {
                    pipeline.describe(known.overrides().applyTo(info));
                }

                @Override
                public void sample(Sample sample) {
                    counts[0]++;
                    pipeline.accept(numbering.renumber(sample));
                }

                @Override
                public void cycle(CycleSummary cycle) {
                    pipeline.acceptCycle(cycle);
                }

                @Override
                public void malformed(MalformedRowException e) {
                    counts[1]++;
                }
            });
            pipeline.finish();
        } catch (IOException | RuntimeException e) {
            error = e.getMessage();
        }
        return new RealExports.Row(
                relative,
                format.name(),
                describe(declared),
                cycles[0],
                counts[0],
                counts[1],
                error,
                episodes(alerts),
                known.expectation());
    }

    private static String describe(ChannelInfo info) {
        String words = info.cellType().name().toLowerCase(Locale.ROOT);
        if (info.chemistry() != null) {
            words += " " + info.chemistry();
        }
        if (info.ceConvention() == CeConvention.CHARGE_OVER_DISCHARGE) {
            words += ", CE = Qc/Qd";
        }
        return words;
    }

    static List<RealExports.Episode> episodes(List<Alert> alerts) {
        List<RealExports.Episode> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Alert a : alerts) {
            if (a.status() != io.cellwatch.model.AlertStatus.FIRING || ids.contains(a.alertId())) {
                continue;
            }
            ids.add(a.alertId());
            Integer critical = alerts.stream()
                    .filter(b -> b.alertId().equals(a.alertId())
                            && b.severity() == io.cellwatch.model.Severity.CRITICAL
                            && b.status() == io.cellwatch.model.AlertStatus.FIRING)
                    .map(Alert::cycleIndex)
                    .findFirst()
                    .orElse(null);
            out.add(new RealExports.Episode(
                    a.kind().wireName(), a.severity().wireName(), a.cycleIndex(), a.testTimeS() / 3600, critical));
        }
        return out;
    }
}
