package io.cellwatch.ingest.format;

import java.io.IOException;

/**
 * Reads one file line by line, in order, remembering what it needs between lines (the header, the
 * current step, a vendor counter's last value). The same reader serves a whole recorded file and a
 * file growing under {@code ingest --follow}, which hands it each line once it is complete.
 */
public interface RowReader {

    /**
     * One line of the file, without its line terminator.
     *
     * @param lineNumber 1-based line number, for error messages
     * @throws IOException when the file cannot be this format at all (a wrong header); a single bad
     *                     row goes to {@link RecordSink#malformed} instead and reading goes on
     */
    void line(String line, long lineNumber, RecordSink sink) throws IOException;

    /** The file ended (a recorded file; never called while following). */
    default void end(RecordSink sink) throws IOException {}
}
