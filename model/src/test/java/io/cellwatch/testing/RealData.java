package io.cellwatch.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared real cycler exports live. Configured by the {@code cellwatch.realData} system
 * property (the build sets it to {@code ../shared/data/real} beside the project) or the
 * {@code CELLWATCH_REAL_DATA} environment variable. Tests that need a file skip, saying why, when it
 * is absent: the data is never copied into this repository.
 */
public final class RealData {
    private RealData() {}

    public static Path root() {
        String configured = System.getProperty("cellwatch.realData", System.getenv("CELLWATCH_REAL_DATA"));
        return Path.of(configured == null ? "../shared/data/real" : configured)
                .toAbsolutePath()
                .normalize();
    }

    /** The file under the real-data root, or skips the calling test when it is not there. */
    public static Path require(String relativePath) {
        Path file = root().resolve(relativePath);
        assumeTrue(
                Files.isRegularFile(file),
                () -> "real cycler data not found at " + file
                        + " (set -Dcellwatch.realData=DIR or CELLWATCH_REAL_DATA to the shared/data/real folder)");
        return file;
    }
}
