package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;

/**
 * A row of a followed file that could not be read: goes to the dead-letter topic with the raw
 * line as value and the reason in headers, so someone can find the row, fix it and replay it.
 *
 * @param channelId the channel the row would have belonged to (the record key)
 * @param format    the format the file is read as
 * @param rawLine   the row's text as read
 * @param error     file, line, field and reason
 */
public record DeadLetter(String channelId, String format, String rawLine, MalformedRowException error) {

    /** Header names on dead-letter records written by the follower. */
    public static final String FILE_HEADER = "cellwatch.ingest.file";

    public static final String LINE_HEADER = "cellwatch.ingest.line";
    public static final String FIELD_HEADER = "cellwatch.ingest.field";
    public static final String REASON_HEADER = "cellwatch.ingest.reason";
    public static final String FORMAT_HEADER = "cellwatch.ingest.format";
}
