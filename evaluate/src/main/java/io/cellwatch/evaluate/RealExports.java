package io.cellwatch.evaluate;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.streams.detect.DetectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The shared real cycler exports through the same pipeline: every file under the real-data folder
 * that some format reads (companion files with peer values are skipped: beep's datapaths and
 * diagnostic summaries, cellpy's summaries, recomputations, vendor summaries, logs, protocols),
 * with what the lab knows about the cell (from the data's README: the Si half cells, the Li‖Li
 * cell recorded without a current column) and what the README says the data shows.
 */
public final class RealExports {
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

    private RealExports() {}

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
            KnownExports.Known known = KnownExports.of(relative);
            CyclerFormat format;
            try {
                format = known.mapping() != null
                        ? CyclerFormats.byName("generic", known.mapping())
                        : CyclerFormats.detect(file);
            } catch (IOException | IllegalArgumentException e) {
                unreadable.add(relative);
                continue;
            }
            rows.add(ExportReplay.replay(file, relative, format, known, detectors));
        }
        return new Result(rows, unreadable);
    }

    private static boolean companion(String relative) {
        String r = "/" + relative;
        return COMPANIONS.stream().anyMatch(r::contains)
                || COMPANION_EXTENSIONS.stream().anyMatch(r::endsWith);
    }
}
