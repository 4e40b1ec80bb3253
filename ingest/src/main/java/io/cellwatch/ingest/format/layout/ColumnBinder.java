package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;

/** Finds a file's columns in its header: a vendor's {@link ColumnLayout}, or a user's mapping. */
@FunctionalInterface
public interface ColumnBinder {
    /**
     * @param line the header's line number, for messages
     * @throws FileFormatException naming file and line when the header lacks what is needed
     */
    BoundColumns bind(Header header, SourceFile source, long line) throws FileFormatException;
}
