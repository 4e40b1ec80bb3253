package io.cellwatch.model;

/**
 * The headers {@code ingest} puts on a row it could not read when it sends the row to the
 * dead-letter topic (keyed by the row's channel). The live topology reads them back to count a
 * channel's unreadable rows, so writer and reader share these names.
 */
public final class IngestDeadLetters {
    public static final String FILE_HEADER = "cellwatch.ingest.file";
    public static final String LINE_HEADER = "cellwatch.ingest.line";
    public static final String FIELD_HEADER = "cellwatch.ingest.field";
    public static final String REASON_HEADER = "cellwatch.ingest.reason";
    public static final String FORMAT_HEADER = "cellwatch.ingest.format";
    /**
     * On a record whose raw line was cut to fit a Kafka record: the line's whole length in UTF-8
     * bytes (the value holds its first bytes only).
     */
    public static final String TRUNCATED_FROM_HEADER = "cellwatch.ingest.truncated-from-bytes";

    private IngestDeadLetters() {}
}
