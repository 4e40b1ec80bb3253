package io.cellwatch.ingest.format.text;

import io.cellwatch.ingest.format.SourceFile;

/** A {@link HeaderedRowReader} for the plain case: comma-separated, header on the first line. */
public abstract class CommaSeparatedRowReader extends HeaderedRowReader {

    protected CommaSeparatedRowReader(SourceFile source) {
        super(source);
    }

    @Override
    protected final boolean isHeader(String line, long lineNumber) {
        return lineNumber == 1;
    }

    @Override
    protected final char delimiter(String headerLine) {
        return ',';
    }
}
