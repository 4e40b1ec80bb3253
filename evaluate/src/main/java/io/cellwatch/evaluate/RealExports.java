package io.cellwatch.evaluate;

import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.generic.ColumnMapping;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shared real cycler exports through the same pipeline: every file under the real-data folder
 * that some format reads (companion files with peer values are skipped: beep's datapaths and
 * diagnostic summaries, cellpy's summaries, recomputations, vendor summaries, logs, protocols),
 * with what the lab knows about the cell (from the data's README: the Si half cells, the Li‖Li
 * cell recorded without a current column) and what the README says the data shows.
 */
public final class RealExports {
    /** What is known about one export: its metadata and what its README says it shows. */
    private record Known(String file, ChannelOverrides overrides, ColumnMapping mapping, String expectation) {}

    /** One alert episode in a real export. */
    public record Episode(String kind, String severity, int firstCycle, double testHours, Integer criticalCycle) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s %s at cycle %d (%.1f h)%s",
                    kind,
                    severity,
                    firstCycle,
                    testHours,
                    criticalCycle == null || severity.equals("critical") ? "" : ", critical at cycle " + criticalCycle);
        }
    }

    /**
     * One export's row.
     *
     * @param file        path below the real-data folder
     * @param format      the format that read it
     * @param declared    the metadata the lab gave it, in words
     * @param cycles      cycles summarised
     * @param samples     samples read
     * @param malformed   rows that could not be read
     * @param error       why the file could not be read, or null
     * @param episodes    every alert episode, in order
     * @param expectation what the data's README says the file shows
     */
    public record Row(
            String file,
            String format,
            String declared,
            int cycles,
            long samples,
            long malformed,
            String error,
            List<Episode> episodes,
            String expectation) {}

    /** Rows, and the files found that no format reads (binary exports without a reader yet). */
    public record Result(List<Row> rows, List<String> unreadable) {}

    private static final List<String> COMPANIONS = List.of(
            ".recomputed",
            "vendor-cycle-summary",
            "BEEPDatapath_",
            ".cellpy-",
            "beep-diagnostic-summary",
            "_structure",
            "_LOOP.txt",
            "README",
            "LICENSE",
            "/reference/",
            "/goldens/");
    private static final List<String> COMPANION_EXTENSIONS =
            List.of(".json", ".mpl", ".mps", ".md", ".ftr", ".parquet", ".gz", ".zip", ".txt.gz");

    private static final List<Known> KNOWN = List.of(
            new Known(
                    "beep/PredictionDiagnostics_000109_tztest.010",
                    ChannelOverrides.NONE,
                    null,
                    "flag: discharge falls ~5 %/cycle while charge holds (CE 0.71-0.72)"),
            new Known(
                    "beep/PreDiag_000233_00021F.beep-summary.csv",
                    ChannelOverrides.NONE,
                    null,
                    "quiet: 1,612 healthy cycles; CE 0.64 after diagnostic blocks, 1.40 on resets are protocol-made"),
            new Known(
                    "beep/PredictionDiagnostics_000107_0001B9.beep-summary.csv",
                    ChannelOverrides.NONE,
                    null,
                    "flag: rapid fade 3.76 -> 1.84 Ah over cycles 6-63, CE drifting to 0.966"),
            new Known("beep/xTESLADIAG_000038.078", ChannelOverrides.NONE, null, "quiet: healthy, slow fade"),
            new Known(
                    "cellpy/20160805_test001_45_cc.raw-from-cellpy-h5.csv",
                    half("Si|Li"),
                    null,
                    "flag: Si half cell, delithiation exceeds lithiation by ~4 % every cycle from cycle 2 (parasitic current)"),
            new Known(
                    "binary/cellpy/20160805_test001_45_cc_01.res",
                    half("Si|Li"),
                    null,
                    "flag: the Arbin .res of the Si half cell above (parasitic current, ~4 % per cycle)"),
            new Known(
                    "cellpy/neware_uio.csv",
                    half("Si|Li"),
                    null,
                    "no statement: Si half cell, 4 cycles (CE 83.5/97.2/98.3 %)"),
            new Known("cellpy/maccor_three.txt", chemistry("Na-ion"), null, "quiet: CE 0.991-0.998"),
            new Known(
                    "battery-data-toolkit/p492-13-summary.csv",
                    ChannelOverrides.NONE,
                    null,
                    "quiet: HPPC cycles (CE 7.53) and cycle 6 (CE 0.114) are not shorts"),
            new Known(
                    "battery-data-toolkit/p492-13-raw.csv",
                    ChannelOverrides.NONE,
                    null,
                    "quiet: graphite/NMC532 pouch, HPPC cycle"),
            new Known(
                    "datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05.txt",
                    new ChannelOverrides(CellType.SYMMETRIC, "Li|1M LiTFSI TEGDME|Li", null, null, null, null, null),
                    new ColumnMapping(
                            "\t",
                            null,
                            Map.of(
                                    "testTime", ColumnMapping.ColumnRef.ofName("time/s"),
                                    "voltage", ColumnMapping.ColumnRef.ofName("Ewe/V")),
                            ColumnMapping.Quantity.of(0.4, "mA"),
                            null,
                            null),
                    "looks like a soft short: overpotential 79 -> 133 mV, then ~59 mV after ~24 h with growing noise "
                            + "(not labelled by the source); +-10 mV pickup throughout"));

    private RealExports() {}

    private static ChannelOverrides half(String chemistry) {
        return new ChannelOverrides(
                CellType.HALF, chemistry, null, null, null, null, CeConvention.CHARGE_OVER_DISCHARGE);
    }

    private static ChannelOverrides chemistry(String chemistry) {
        return new ChannelOverrides(null, chemistry, null, null, null, null, null);
    }

    /** Every export under dir through the pipeline with these detectors. */
    public static Result run(Path dir, DetectorSet detectors) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !companion(dir.relativize(p).toString().replace('\\', '/')))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            Known known = KNOWN.stream()
                    .filter(k -> k.file().equals(relative))
                    .findFirst()
                    .orElse(new Known(relative, ChannelOverrides.NONE, null, "no statement"));
            CyclerFormat format;
            try {
                format = known.mapping() != null
                        ? CyclerFormats.byName("generic", known.mapping())
                        : CyclerFormats.detect(file);
            } catch (IOException | IllegalArgumentException e) {
                unreadable.add(relative);
                continue;
            }
            rows.add(replay(file, relative, format, known, detectors));
        }
        return new Result(rows, unreadable);
    }

    private static boolean companion(String relative) {
        String r = "/" + relative;
        return COMPANIONS.stream().anyMatch(r::contains)
                || COMPANION_EXTENSIONS.stream().anyMatch(r::endsWith);
    }

    private static Row replay(Path file, String relative, CyclerFormat format, Known known, DetectorSet detectors) {
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
        return new Row(
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

    static List<Episode> episodes(List<Alert> alerts) {
        List<Episode> out = new ArrayList<>();
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
            out.add(new Episode(
                    a.kind().wireName(), a.severity().wireName(), a.cycleIndex(), a.testTimeS() / 3600, critical));
        }
        return out;
    }
}
