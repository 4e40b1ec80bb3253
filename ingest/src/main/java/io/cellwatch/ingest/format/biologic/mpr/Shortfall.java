package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.nio.file.Path;

/**
 * Where a file ended before a structure it needs was complete. While EC-Lab writes that is normal
 * (the next poll sees more); in a file read as finished it is the error this turns into.
 */
record Shortfall(String where, long offset, String expected) implements TopOfFile {

    BinaryFormatException toException(Path file) {
        return new BinaryFormatException(
                file, where, offset, expected, offset == 0 ? "an empty file" : "the end of the file (truncated?)");
    }
}
