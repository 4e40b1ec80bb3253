package io.cellwatch.ingest.follow;

import io.cellwatch.model.IngestDeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter as a Kafka record: the raw line as value, file, line, field, reason and format in
 * headers, each cut to a size any broker takes.
 *
 * <p>Why cut: a cycler PC that loses power can leave a run of NUL bytes (or any garbage without a
 * newline) megabytes long, which is read as one line. Sent whole, it exceeds the producer's
 * {@code max.request.size} (1 MiB by default) and the broker's {@code message.max.bytes}; the send
 * fails without retry, the transaction with it, and the follower stops, and stops again on every
 * restart at the same line: one bad line would have ended the following of every file. The value keeps
 * the line's first {@value #MAX_LINE_BYTES} bytes, enough to see what it was, and {@link
 * IngestDeadLetters#TRUNCATED_FROM_HEADER} says how long it was; a header keeps its first
 * {@value #MAX_HEADER_BYTES} bytes (a reason may quote the field it could not read).
 */
final class DeadLetterRecord {
    static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_HEADER_BYTES = 4 * 1024;

    private DeadLetterRecord() {}

    static ProducerRecord<String, byte[]> of(String topic, DeadLetter dead) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.FILE_HEADER, header(String.valueOf(dead.error().file())));
        headers.add(DeadLetter.LINE_HEADER, header(Long.toString(dead.error().line())));
        headers.add(DeadLetter.FIELD_HEADER, header(dead.error().field()));
        headers.add(DeadLetter.REASON_HEADER, header(dead.error().reason()));
        headers.add(DeadLetter.FORMAT_HEADER, header(dead.format()));
        byte[] value = null;
        if (dead.rawLine() != null) {
            byte[] line = dead.rawLine().getBytes(StandardCharsets.UTF_8);
            value = cut(line, MAX_LINE_BYTES);
            if (value.length < line.length) {
                headers.add(
                        IngestDeadLetters.TRUNCATED_FROM_HEADER,
                        Integer.toString(line.length).getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ProducerRecord<>(topic, null, dead.channelId(), value, headers);
    }

    private static byte[] header(String s) {
        return s == null ? new byte[0] : cut(s.getBytes(StandardCharsets.UTF_8), MAX_HEADER_BYTES);
    }

    /** The first {@code max} bytes or fewer, never ending inside a UTF-8 character. */
    static byte[] cut(byte[] utf8, int max) {
        if (utf8.length <= max) {
            return utf8;
        }
        int end = max;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // utf8[end] continues a character that began before it: cut before that character
        }
        return Arrays.copyOf(utf8, end);
    }
}
