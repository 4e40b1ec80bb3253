package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What must hold for any bytes in a {@code .mpr}: read as finished and polled as growing, they give
 * rows or a {@link BinaryFormatException} naming the file; nothing else escapes, nothing hangs.
 */
final class MprFuzzTarget {
    private static final Path FILE = tempFile();

    private MprFuzzTarget() {}

    private static Path tempFile() {
        try {
            Path dir = Files.createTempDirectory("mpr-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("fuzz.mpr");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        try {
            new EcLabMprFormat().read(SourceFile.of(FILE), new Collected());
        } catch (BinaryFormatException expected) {
            namesTheFile(expected);
        }
        try (MprRowSource rows = new MprRowSource(SourceFile.of(FILE))) {
            rows.readNew(new Collected());
            rows.readNew(new Collected());
        } catch (BinaryFormatException expected) {
            namesTheFile(expected);
        }
        // The records of a technique replay refuses are still decoded by the reference comparisons.
        try {
            EcLabMprFormat.readAnyTechnique(SourceFile.of(FILE), new Collected());
        } catch (BinaryFormatException expected) {
            namesTheFile(expected);
        }
    }

    private static void namesTheFile(BinaryFormatException e) {
        if (!e.getMessage().startsWith(FILE + ": ")) {
            throw new AssertionError("error without the file name: " + e.getMessage(), e);
        }
    }
}
