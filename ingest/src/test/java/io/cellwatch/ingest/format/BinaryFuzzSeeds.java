package io.cellwatch.ingest.format;

import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeds for the binary readers' fuzz targets from the real files under {@code -Dcellwatch.realData},
 * read at test time and never copied into the repository: each file of the target's extension whole
 * where it is small, else its first {@link #SEED_BYTES}, which is what a cycler that is still writing
 * the file has put on disk (the live follower reads such files). Mutating real layouts reaches the
 * reader's paths that the committed synthetic seeds, written by our own fixtures, cannot: module and
 * column orders, versions and quirks the fixtures do not know. Repeats (the shared data holds some files
 * twice) are left out. None when the shared data is absent.
 */
public final class BinaryFuzzSeeds {
    /**
     * The most of a real file a seed holds. A fuzzer mutates every byte it is given on every run, so
     * a seed of megabytes is slow to run; 64 KiB holds the headers, the column settings and the first
     * few hundred rows of every real file here (EC-Lab, Neware, Arbin).
     */
    static final int SEED_BYTES = 64 * 1024;

    private BinaryFuzzSeeds() {}

    /** The seeds of the files whose names end with one of these extensions (case ignored). */
    public static Stream<Arguments> real(String... extensions) {
        Path root = RealData.root();
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        List<Arguments> seeds = new ArrayList<>();
        List<byte[]> seen = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (!endsWithAny(file, extensions)) {
                    continue;
                }
                byte[] seed = head(file);
                if (seen.stream().noneMatch(s -> Arrays.equals(s, seed))) {
                    seen.add(seed);
                    seeds.add(Arguments.of(Named.of(root.relativize(file).toString(), seed)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds.stream();
    }

    private static boolean endsWithAny(Path file, String... extensions) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Arrays.stream(extensions).anyMatch(e -> name.endsWith(e.toLowerCase(Locale.ROOT)));
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SEED_BYTES);
        }
    }
}
