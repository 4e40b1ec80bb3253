package io.cellwatch.streams.topology;

import io.cellwatch.model.IngestDeadLetters;
import io.cellwatch.streams.detect.quality.UnreadableRow;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Picks, from the dead-letter topic, the rows {@code ingest} could not read (they carry its
 * headers and are keyed by their channel) and hands them on as {@link UnreadableRow}s, so the
 * channel's data-quality watch counts them. Everything else on the topic (records the topology
 * itself could not read or process) passes by.
 */
final class UnreadableRows implements FixedKeyProcessor<String, byte[], ChannelInput> {
    /** The header Kafka Streams' exception handlers put on every dead letter they write. */
    static final String STREAMS_ERROR_HEADER = "__streams.errors.exception";

    private FixedKeyProcessorContext<String, ChannelInput> context;

    @Override
    public void init(FixedKeyProcessorContext<String, ChannelInput> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String reason = header(headers, IngestDeadLetters.REASON_HEADER);
        if (record.key() == null || record.key().isBlank() || reason == null) {
            return; // not a row ingest could not read, or about no channel
        }
        if (headers.lastHeader(STREAMS_ERROR_HEADER) != null) {
            // Kafka Streams' dead letter of a record it failed on, which copies that record's headers, ingest's
            // too: the row was counted when it first came.
            return;
        }
        String file = header(headers, IngestDeadLetters.FILE_HEADER);
        String line = header(headers, IngestDeadLetters.LINE_HEADER);
        UnreadableRow row = new UnreadableRow(
                record.key(),
                header(headers, IngestDeadLetters.FIELD_HEADER),
                reason,
                file == null ? null : line == null ? file : file + ":" + line);
        context.forward(record.withValue(ChannelInput.of(row)));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
