package io.cellwatch.ingest.format;

import java.nio.file.Path;

/**
 * A row of a cycler export that cannot be read. The message names file, line and field, because a
 * lab engineer has to find the row in a multi-megabyte export and fix or skip it.
 */
public class MalformedRowException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String field;
    private final String reason;

    public MalformedRowException(Path file, long line, String field, String reason) {
        this(file, line, field, reason, null);
    }

    public MalformedRowException(Path file, long line, String field, String reason, Throwable cause) {
        super(file + ":" + line + ": field '" + field + "': " + reason, cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number in the file. */
    public long line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
