package io.cellwatch.streams.metrics;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts what goes to the dead-letter topic. Kafka Streams builds its exception handlers from class
 * names, so the handler here passes each failure to Kafka's log-and-continue ones (which write the
 * dead-letter records) and counts the records they return; the telemetry reaches it through the
 * configuration map.
 */
public final class DeadLetterCounting {
    /** Configuration key under which the {@link PipelineTelemetry} object travels to the handlers. */
    static final String TELEMETRY_CONFIG = "cellwatch.dead.letter.telemetry";

    private DeadLetterCounting() {}

    /** Replaces the deserialization and processing exception handlers in {@code config} with counting ones. */
    public static void install(Properties config, PipelineTelemetry telemetry) {
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Handler.class.getName());
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Handler.class.getName());
        config.put(TELEMETRY_CONFIG, telemetry);
    }

    /**
     * Both handlers in one: each passes the record to Kafka's log-and-continue handler of its kind and
     * counts the dead-letter records it returns, by stage.
     */
    public static final class Handler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
        private final LogAndContinueExceptionHandler unreadable = new LogAndContinueExceptionHandler();
        private final LogAndContinueProcessingExceptionHandler failed = new LogAndContinueProcessingExceptionHandler();
        private PipelineTelemetry telemetry = PipelineTelemetry.NONE;
        private String deadLetterTopic;

        @Override
        public void configure(Map<String, ?> configs) {
            unreadable.configure(configs);
            failed.configure(configs);
            telemetry = configs.get(TELEMETRY_CONFIG) instanceof PipelineTelemetry t ? t : PipelineTelemetry.NONE;
            Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
            deadLetterTopic = topic == null ? null : topic.toString();
        }

        /**
         * Whether the failed record was read from the dead-letter topic itself (the topology reads it for the
         * rows ingest could not read): written back there, the copy, which keeps the original's headers, would
         * be read and fail again, after every commit, for ever, each copy a stack trace longer. Such a record
         * is logged by Kafka's handler and skipped, not dead-lettered again.
         */
        private boolean readFromTheDeadLetterTopic(ErrorHandlerContext context) {
            return deadLetterTopic != null && deadLetterTopic.equals(context.topic());
        }

        /** Unreadable input records: logged, dead-lettered, counted, skipped. */
        @Override
        public DeserializationExceptionHandler.Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            DeserializationExceptionHandler.Response response = unreadable.handleError(context, record, exception);
            if (readFromTheDeadLetterTopic(context)) {
                return DeserializationExceptionHandler.Response.resume();
            }
            count("deserialization", response.deadLetterQueueRecords());
            return response;
        }

        /** Records a processor failed on: logged, dead-lettered, counted, skipped. */
        @Override
        public ProcessingExceptionHandler.Response handleError(
                ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            ProcessingExceptionHandler.Response response = failed.handleError(context, record, exception);
            if (readFromTheDeadLetterTopic(context)) {
                return ProcessingExceptionHandler.Response.resume();
            }
            count("processing", response.deadLetterQueueRecords());
            return response;
        }

        private void count(String stage, List<ProducerRecord<byte[], byte[]>> records) {
            if (records != null && !records.isEmpty()) {
                telemetry.onDeadLetter(stage, records.size());
            }
        }
    }
}
