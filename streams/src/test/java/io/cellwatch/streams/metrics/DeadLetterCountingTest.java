package io.cellwatch.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The one handler class serves both Kafka hooks: each failure is dead-lettered, skipped and counted by stage. */
class DeadLetterCountingTest {

    private final Map<String, Integer> counted = new LinkedHashMap<>();
    private final PipelineTelemetry telemetry = new PipelineTelemetry() {
        @Override
        public void onDeadLetter(String stage, int records) {
            counted.merge(stage, records, Integer::sum);
        }
    };

    @Test
    void deserializationAndProcessingFailuresAreDeadLetteredAndCountedByStage() {
        DeadLetterCounting.Handler handler = new DeadLetterCounting.Handler();
        handler.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                "dead-letters",
                DeadLetterCounting.TELEMETRY_CONFIG,
                telemetry));
        byte[] raw = "not json".getBytes(StandardCharsets.UTF_8);

        DeserializationExceptionHandler.Response unreadable = handler.handleError(
                new Context(raw), new ConsumerRecord<>("samples", 0, 7, raw, raw), new IllegalStateException("bad"));
        ProcessingExceptionHandler.Response failed = handler.handleError(
                new Context(raw), new Record<>("ch-1", "value", 0L), new IllegalStateException("failed"));

        assertThat(unreadable.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(unreadable.deadLetterQueueRecords()).hasSize(1);
        assertThat(failed.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(failed.deadLetterQueueRecords()).hasSize(1);
        assertThat(counted).containsExactly(Map.entry("deserialization", 1), Map.entry("processing", 1));
    }

    @Test
    void aRecordReadFromTheDeadLetterTopicThatFailsIsSkippedNotWrittenBackToFailAgain() {
        DeadLetterCounting.Handler handler = new DeadLetterCounting.Handler();
        handler.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                "dead-letters",
                DeadLetterCounting.TELEMETRY_CONFIG,
                telemetry));
        byte[] raw = "an ingest dead letter".getBytes(StandardCharsets.UTF_8);

        ProcessingExceptionHandler.Response failed = handler.handleError(
                new Context(raw, "dead-letters"), new Record<>("", "value", 0L), new IllegalStateException("failed"));
        DeserializationExceptionHandler.Response unreadable = handler.handleError(
                new Context(raw, "dead-letters"),
                new ConsumerRecord<>("dead-letters", 0, 7, raw, raw),
                new IllegalStateException("bad"));

        assertThat(failed.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(failed.deadLetterQueueRecords()).isEmpty();
        assertThat(unreadable.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(unreadable.deadLetterQueueRecords()).isEmpty();
        assertThat(counted).isEmpty();
    }

    @Test
    void withoutADeadLetterTopicNothingIsCounted() {
        DeadLetterCounting.Handler handler = new DeadLetterCounting.Handler();
        handler.configure(Map.of(DeadLetterCounting.TELEMETRY_CONFIG, telemetry));
        byte[] raw = "not json".getBytes(StandardCharsets.UTF_8);

        handler.handleError(new Context(raw), new Record<>("ch-1", "value", 0L), new IllegalStateException("failed"));

        assertThat(counted).isEmpty();
    }

    /** Where the failed record came from, as Kafka Streams hands it to the handler. */
    private record Context(byte[] raw, String topic) implements ErrorHandlerContext {
        Context(byte[] raw) {
            this(raw, "samples");
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 7;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "channel-pipeline";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return raw;
        }

        @Override
        public byte[] sourceRawValue() {
            return raw;
        }
    }
}
