package io.cellwatch.ingest.follow;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The shared data's binary cycler files the follower tests use: one of each format, with its whole read. */
final class RealBinaryFiles {
    private RealBinaryFiles() {}

    static Path root() {
        return RealData.root().resolve("binary");
    }

    /**
     * The first file of each binary format (by path) of at most 2 MB and at least 200 rows, with the data
     * points a whole read gives; the test is skipped when there is none.
     */
    static Map<Path, List<Long>> firstOfEachFormat() throws IOException {
        Path binary = root();
        assumeTrue(Files.isDirectory(binary), () -> "no real binary files at " + binary + " (set cellwatch.realData)");
        Map<String, Path> firstOfEach = new TreeMap<>();
        Map<Path, List<Long>> wholeReads = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(binary)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                String extension = name.substring(name.lastIndexOf('.') + 1);
                if (!List.of("mpr", "res", "nda", "ndax").contains(extension)
                        || firstOfEach.containsKey(extension)
                        || Files.size(f) > 2_000_000) {
                    continue;
                }
                List<Long> whole = wholeRead(f);
                if (whole.size() >= 200) {
                    firstOfEach.put(extension, f);
                    wholeReads.put(f, whole);
                }
            }
        }
        assumeFalse(wholeReads.isEmpty(), () -> "no binary file of 200 rows or more under " + binary);
        return wholeReads;
    }

    private static List<Long> wholeRead(Path file) {
        try {
            return Collected.read(CyclerFormats.detect(file), file).samples.stream()
                    .map(Sample::dataPoint)
                    .toList();
        } catch (IOException e) {
            return List.of(); // not cycling data, or not readable whole: not a file to follow here
        }
    }
}
