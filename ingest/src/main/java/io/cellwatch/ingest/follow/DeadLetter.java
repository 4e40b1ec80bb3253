package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.model.IngestDeadLetters;

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

    /** Header names on dead-letter records written by the follower (the live topology reads them back). */
    public static final String FILE_HEADER = IngestDeadLetters.FILE_HEADER;

    public static final String LINE_HEADER = IngestDeadLetters.LINE_HEADER;
    public static final String FIELD_HEADER = IngestDeadLetters.FIELD_HEADER;
    public static final String REASON_HEADER = IngestDeadLetters.REASON_HEADER;
    public static final String FORMAT_HEADER = IngestDeadLetters.FORMAT_HEADER;
}
