package io.cellwatch.ingest.format.biologic.mpr;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real {@code .mpr} files present under the shared data root (some are held back: never assume one). */
final class RealMprFiles {
    private RealMprFiles() {}

    /** Every {@code .mpr} under {@code binary/}, smallest first; skips the calling test when there is none. */
    static List<Path> all() {
        Path root = RealData.root().resolve("binary");
        assumeTrue(
                Files.isDirectory(root),
                () -> "real binary cycler files not found at " + root
                        + " (set -Dcellwatch.realData=DIR or CELLWATCH_REAL_DATA to the shared/data/real folder)");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(".mpr"))
                    .sorted((a, b) -> Long.compare(size(a), size(b)))
                    .toList();
            assumeTrue(!found.isEmpty(), () -> "no .mpr file under " + root);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The EC-Lab text export written beside an {@code .mpr}, when there is one. */
    static Path mptBeside(Path mpr) {
        String name = mpr.getFileName().toString();
        return mpr.resolveSibling(name.substring(0, name.length() - ".mpr".length()) + ".mpt");
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return RealData.root().relativize(file).toString();
    }
}
