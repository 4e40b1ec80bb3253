package io.cellwatch.ingest.format.binary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** A binary cycler file whose structure is not what its format says: names the file, where, and what was expected. */
public class BinaryFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Damage at a byte offset of the file (or of a member inside an archive, named in {@code where}). */
    public BinaryFormatException(Path file, String where, long offset, String expected) {
        super(String.format(Locale.ROOT, "%s: %s at offset %d: %s", file, where, offset, expected));
    }

    /** Damage that is not at a byte offset (a database table, a missing archive member). */
    public BinaryFormatException(Path file, String where, String expected) {
        super(String.format(Locale.ROOT, "%s: %s: %s", file, where, expected));
    }
}
