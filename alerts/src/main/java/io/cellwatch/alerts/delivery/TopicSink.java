package io.cellwatch.alerts.delivery;

import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.model.Alert;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A receiver that is a Kafka topic (the cycler's pause requests). It does not send: it says what to
 * write, and the delivery ledger writes those records in the same transaction as its record that
 * they were delivered ({@code EpisodeLedger#deliverWith}). A reader with {@code
 * isolation.level=read_committed} therefore sees each request exactly once, through any crash of the
 * alert service: a write either counts in the ledger and reaches the topic, or does neither and is
 * made again. A write by an instance whose partition moved while it stalled is fenced with the
 * ledger's.
 */
public interface TopicSink extends AlertSink {

    /**
     * The records that deliver {@code event}.
     *
     * @param retry whether an earlier write of them failed in this process: aborted, so a
     *     read_committed reader never saw it, but a read_uncommitted one may have
     */
    List<ProducerRecord<String, byte[]>> records(EpisodeEvent event, boolean retry);

    /** Never called: a topic is written in the ledger's transaction, not on its own. */
    @Override
    default void deliver(Alert alert) {
        throw new UnsupportedOperationException(
                name() + " is written in the delivery ledger's transaction (records), not on its own");
    }
}
