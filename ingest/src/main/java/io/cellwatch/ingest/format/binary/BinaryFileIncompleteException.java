package io.cellwatch.ingest.format.binary;

import java.nio.file.Path;

/**
 * A binary cycler file that ends before its structure is complete: a header cut short, a ZIP
 * archive without its central directory. While a cycler or its software is still writing the file
 * this is the normal state of the moment, so a follower treats it as "try again later"; a recorded
 * file that stays this way is truncated, and the message says where and what was expected.
 */
public class BinaryFileIncompleteException extends BinaryFormatException {
    private static final long serialVersionUID = 1L;

    /** The file ends at {@code offset}, where the format has {@code expected}. */
    public BinaryFileIncompleteException(Path file, String where, long offset, String expected) {
        super(file, where, offset, expected, "the end of the file");
    }

    /** The file ends before {@code expected}, which was to be at {@code offset}; {@code found} says where it ends. */
    public BinaryFileIncompleteException(Path file, String where, long offset, String expected, String found) {
        super(file, where, offset, expected, found);
    }
}
