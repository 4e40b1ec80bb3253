package io.cellwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The largest real file of one kind, which a parse benchmark reads when not given one. */
final class LargestFile {
    private LargestFile() {}

    /**
     * @param folder    searched with its subfolders
     * @param extension the file name's ending, e.g. {@code .res}
     * @throws IllegalStateException when the folder holds no such file
     */
    static Path under(Path folder, String extension) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(extension))
                    .max(Comparator.comparingLong(LargestFile::size))
                    .orElseThrow(() -> new IllegalStateException("no " + extension + " file under " + folder));
        } catch (IOException e) {
            throw new UncheckedIOException("real data not found at " + folder, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
