package io.cellwatch.ingest.format.text;

import java.io.IOException;
import java.nio.file.Path;

/** A file that cannot be read as the format it was taken for: its header is missing or wrong. Names file and line. */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param line the line the reason is about, or 0 for the file as a whole (no line is then named) */
    public FileFormatException(Path file, long line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
    }
}
