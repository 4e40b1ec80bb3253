package io.cellwatch.streams.metrics;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts what goes to the dead-letter topic. Kafka Streams builds its exception handlers from class
 * names, so the handlers here are Kafka's log-and-continue ones (which write the dead-letter records)
 * plus a count of the records they return; the telemetry reaches them through the configuration map.
 */
public final class DeadLetterCounting {
    /** Configuration key under which the {@link PipelineTelemetry} object travels to the handlers. */
    static final String TELEMETRY_CONFIG = "cellwatch.dead.letter.telemetry";

    private DeadLetterCounting() {}

    /** Replaces the deserialization and processing exception handlers in {@code config} with counting ones. */
    public static void install(Properties config, PipelineTelemetry telemetry) {
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class.getName());
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class.getName());
        config.put(TELEMETRY_CONFIG, telemetry);
    }

    private static PipelineTelemetry telemetryFrom(Map<String, ?> configs) {
        return configs.get(TELEMETRY_CONFIG) instanceof PipelineTelemetry t ? t : PipelineTelemetry.NONE;
    }

    private static void count(PipelineTelemetry telemetry, String stage, List<ProducerRecord<byte[], byte[]>> records) {
        if (records != null && !records.isEmpty()) {
            telemetry.onDeadLetter(stage, records.size());
        }
    }

    /** Unreadable input records: logged, dead-lettered, counted, skipped. */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private PipelineTelemetry telemetry = PipelineTelemetry.NONE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            telemetry = telemetryFrom(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            Response response = super.handleError(context, record, exception);
            count(telemetry, "deserialization", response.deadLetterQueueRecords());
            return response;
        }
    }

    /** Records a processor failed on: logged, dead-lettered, counted, skipped. */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private PipelineTelemetry telemetry = PipelineTelemetry.NONE;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            telemetry = telemetryFrom(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            Response response = super.handleError(context, record, exception);
            count(telemetry, "processing", response.deadLetterQueueRecords());
            return response;
        }
    }
}
