package io.cellwatch.bench.replay;

import io.cellwatch.bench.Machine;
import io.cellwatch.bench.Paired;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replay speed per text format, in rows per CPU-second of the thread doing it, against splitting
 * the same file's lines into fields in the same run: the least any reader of the file does. For
 * each of Arbin, Maccor, Neware and BioLogic text, the largest real export present of that format
 * is read over and over, three ways taken in turn round by round: split into fields (baseline),
 * read into samples by cellwatch's reader, and replayed (read, then the summarizer and every
 * detector, as {@code cellwatch replay} does without writing its output).
 */
public final class ReplayReport {
    static final List<String> FORMATS = List.of("arbin", "maccor", "neware", "biologic");
    private static final long MIN_CPU_NS = 300_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One format's figures: rates in rows per CPU-second (figure: cellwatch's, baseline: splitting). */
    public record Figures(String format, Path file, long rows, Paired read, Paired replay, String load) {}

    private ReplayReport() {}

    /** The real-data folder: {@code -Dcellwatch.realData}, {@code CELLWATCH_REAL_DATA}, or ../shared/data/real. */
    public static Path realDataRoot() {
        String configured = System.getProperty("cellwatch.realData", System.getenv("CELLWATCH_REAL_DATA"));
        return Path.of(configured == null ? "../shared/data/real" : configured)
                .toAbsolutePath()
                .normalize();
    }

    public static List<Figures> measure(Path root, int rounds) throws IOException {
        Map<String, Path> largest = largestOfEachFormat(root);
        List<Figures> all = new ArrayList<>();
        for (String format : FORMATS) {
            Path file = largest.get(format);
            if (file != null) {
                all.add(measure(format, CyclerFormats.byName(format), file, rounds));
            }
        }
        return all;
    }

    static Figures measure(String name, CyclerFormat format, Path file, int rounds) throws IOException {
        FieldSplitter splitter = FieldSplitter.of(file);
        long rows = read(format, file, false);
        Paired read = new Paired();
        Paired replay = new Paired();
        for (int round = -2; round < rounds; round++) { // two rounds warm the JIT
            double split = rate(() -> splitter.split(file));
            double reading = rate(() -> read(format, file, false));
            double replaying = rate(() -> read(format, file, true));
            if (round >= 0) {
                read.add(reading, split);
                replay.add(replaying, split);
            }
        }
        return new Figures(name, file, rows, read, replay, Machine.load());
    }

    public static void print(List<Figures> figures, Path root, PrintStream out) {
        out.println("Replay of text exports, rows per CPU-second (median of rounds; % = of splitting the same lines"
                + " into fields, per round, then median)");
        if (figures.isEmpty()) {
            out.println("  no real cycler exports under " + root + " (set -Dcellwatch.realData=DIR): skipped");
            return;
        }
        out.printf(
                Locale.ROOT,
                "%-9s %-44s %8s | %12s | %12s %6s | %12s %6s | %s%n",
                "format",
                "file (largest present)",
                "rows",
                "split /s",
                "read /s",
                "%",
                "replay /s",
                "%",
                "load (1/5/15 min)");
        for (Figures f : figures) {
            String file = root.relativize(f.file()).toString();
            out.printf(
                    Locale.ROOT,
                    "%-9s %-44s %8d | %,12.0f | %,12.0f %5.0f%% | %,12.0f %5.0f%% | %s%n",
                    f.format(),
                    file.length() > 44 ? "..." + file.substring(file.length() - 41) : file,
                    f.rows(),
                    f.read().baseline(),
                    f.read().figure(),
                    100 * f.read().ratio(),
                    f.replay().figure(),
                    100 * f.replay().ratio(),
                    f.load());
        }
    }

    /** Reads the file into samples, into the offline pipeline when {@code replay}; returns the rows read. */
    static long read(CyclerFormat format, Path file, boolean replay) throws IOException {
        OfflinePipeline pipeline = replay
                ? new OfflinePipeline(TopologySettings.defaultDetectors(), new OfflinePipeline.Listener() {
                    @Override
                    public void onCycle(CycleSummary cycle) {}

                    @Override
                    public void onAlert(Alert alert) {}
                })
                : null;
        long[] rows = {0};
        format.read(file, new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                if (pipeline != null) {
                    pipeline.describe(info);
                }
            }

            @Override
            public void sample(Sample sample) {
                rows[0]++;
                if (pipeline != null) {
                    pipeline.accept(sample);
                }
            }

            @Override
            public void malformed(MalformedRowException error) {}
        });
        if (pipeline != null) {
            pipeline.finish();
        }
        return rows[0];
    }

    @FunctionalInterface
    interface Pass {
        long rows() throws IOException;
    }

    /** Rows per CPU-second of this thread, repeating the pass until it has run a few hundred ms. */
    static double rate(Pass pass) throws IOException {
        long start = THREADS.getCurrentThreadCpuTime();
        long rows = 0;
        long spent;
        do {
            rows += pass.rows();
            spent = THREADS.getCurrentThreadCpuTime() - start;
        } while (spent < MIN_CPU_NS);
        return rows / (spent / 1e9);
    }

    /** The largest file under {@code root} that each format reads samples from. */
    static Map<String, Path> largestOfEachFormat(Path root) throws IOException {
        Map<String, Path> largest = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return largest;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparingLong(ReplayReport::size).reversed())
                    .toList();
        }
        for (Path file : files) {
            Optional<String> format = formatOf(file);
            if (format.isPresent()
                    && FORMATS.contains(format.get())
                    && !largest.containsKey(format.get())
                    && readsRows(CyclerFormats.byName(format.get()), file)) {
                largest.put(format.get(), file);
            }
        }
        return largest;
    }

    /** Whether the format reads samples from the file (some exports it recognises are not cycling data). */
    private static boolean readsRows(CyclerFormat format, Path file) {
        try {
            return read(format, file, false) > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<String> formatOf(Path file) {
        try {
            return Optional.of(CyclerFormats.detect(file).name());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a cycler export cellwatch reads
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
