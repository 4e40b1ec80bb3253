package io.cellwatch.ingest.follow;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.ChannelInfoHeader;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireCodec;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.model.kafka.TopicProvisioner;
import io.cellwatch.model.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers followed files to Kafka, one transaction per batch: samples to {@code PREFIXsamples}
 * (keyed by channel, so a channel's rows stay in order), channel metadata to
 * {@code PREFIXchannels}, cycle-level files' summaries to {@code PREFIXexternal-cycles} (the live
 * topology judges them and publishes them to {@code PREFIXcycles}), unreadable rows to
 * {@code PREFIXdead-letter} with file, line, field and reason in headers, and the file positions
 * to the compacted {@code PREFIXingest-positions}, keyed by ingester id and path.
 *
 * <p>Why a transaction and not just an idempotent producer: idempotence dedupes retries within one
 * producer session, but a restarted ingester is a new session and would resend what it cannot know
 * was written. Committing positions in the rows' transaction makes "written" and "remembered as
 * written" one fact: after a SIGKILL, {@code initTransactions} with the same transactional id aborts
 * whatever the dead process had in flight, and the positions read back (read_committed) are
 * exactly those of the rows consumers can see.
 */
public final class KafkaFollowOutput implements FollowOutput {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaFollowOutput.class);
    /** Suffix, after the topic prefix, of the compacted positions topic. */
    public static final String POSITIONS_TOPIC_SUFFIX = "ingest-positions";
    /** Prefix of the ingesters' transactional ids (the rest is the ingester id): what an ACL must allow. */
    public static final String TRANSACTIONAL_ID_PREFIX = "cellwatch-ingest-";

    /** Batches of one transaction compress well; a few ms of linger fills them without delaying a live row noticeably. */
    private static final Map<String, Object> TUNING =
            Map.of(ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

    private final KafkaConnection kafka;
    private final TopicNames topics;
    private final String positionsTopic;
    private final String ingesterId;
    private final Producer<String, byte[]> producer;
    private final TransactionRetry retry;

    /**
     * @param topicPrefix the prefix of every cellwatch topic ({@code cellwatch.})
     * @param ingesterId  names this ingester: its transactional id and its positions' keys; two
     *                    ingesters following different files need different ids
     */
    public KafkaFollowOutput(KafkaConnection kafka, String topicPrefix, String ingesterId) {
        this(
                kafka,
                topicPrefix,
                ingesterId,
                new KafkaProducer<>(
                        kafka.transactionalProducer(
                                "cellwatch-ingest-follow-" + ingesterId, TRANSACTIONAL_ID_PREFIX + ingesterId, TUNING),
                        new StringSerializer(),
                        new ByteArraySerializer()),
                TransactionRetry.DEFAULT);
    }

    /** With this producer and retry policy (tests: a producer that fails a commit). */
    KafkaFollowOutput(
            KafkaConnection kafka,
            String topicPrefix,
            String ingesterId,
            Producer<String, byte[]> producer,
            TransactionRetry retry) {
        this.kafka = kafka;
        this.topics = TopicNames.withPrefix(topicPrefix);
        this.positionsTopic = topicPrefix + POSITIONS_TOPIC_SUFFIX;
        this.ingesterId = ingesterId;
        this.producer = producer;
        this.retry = retry;
    }

    public String positionsTopic() {
        return positionsTopic;
    }

    /**
     * Creates the positions topic when missing (compacted, one partition: it holds one small record
     * per followed file), fences any earlier instance of this ingester (aborting what it left
     * uncommitted), and reads the positions it committed ({@link CommittedPositions}: to the log's end,
     * past another ingester's open transaction).
     */
    @Override
    public Map<String, FilePosition> restore() throws Exception {
        ensurePositionsTopic();
        producer.initTransactions();
        return CommittedPositions.read(kafka, positionsTopic, ingesterId);
    }

    private void ensurePositionsTopic() throws InterruptedException, ExecutionException {
        TopicProvisioner.ensure(
                kafka,
                "cellwatch-ingest-admin-" + ingesterId,
                List.of(TopicSpec.of(positionsTopic, 1, (short) -1).compacted()));
    }

    /**
     * Delivers the batch in one transaction. A transaction Kafka lets the producer abort (a send or the
     * commit timed out while a broker was away, the coordinator aborted it) is aborted and the whole
     * batch sent again in a new one, after a pause that grows ({@link TransactionRetry}): what was aborted
     * is never seen by read_committed readers, and the batch, positions included, is the same, so the rows
     * still arrive once. Without this a broker outage longer than a send's timeout stopped following. A
     * fatal error (another instance of this ingester fenced this one, an authorization refused) is thrown
     * at once, as is the last error once the retries are spent.
     */
    @Override
    public void deliver(FollowBatch batch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                deliverOnce(batch);
                return;
            } catch (KafkaException e) {
                if (!TransactionRetry.abortable(e) || attempt >= retry.attempts()) {
                    throw e;
                }
                Duration pause = retry.pauseAfter(attempt);
                LOG.warn(
                        "transaction of {} records aborted ({}); sending them again in {} ms (attempt {} of {})",
                        batch.records(),
                        e.getMessage(),
                        pause.toMillis(),
                        attempt + 1,
                        retry.attempts());
                Thread.sleep(pause.toMillis());
            }
        }
    }

    /** The record with the channel's metadata in band ({@link ChannelInfoHeader}) where it carries some. */
    private static ProducerRecord<String, byte[]> carrying(ChannelInfo info, ProducerRecord<String, byte[]> record) {
        if (info != null) {
            record.headers().add(ChannelInfoHeader.NAME, WireCodec.CHANNEL_INFO.toBytes(info));
        }
        return record;
    }

    private void deliverOnce(FollowBatch batch) throws Exception {
        producer.beginTransaction();
        try {
            List<Future<RecordMetadata>> sends =
                    new ArrayList<>(batch.records() + batch.positions().size());
            for (ChannelInfo info : batch.channels()) {
                sends.add(producer.send(new ProducerRecord<>(
                        topics.channels(), info.channelId(), WireCodec.CHANNEL_INFO.toBytes(info))));
            }
            for (int i = 0; i < batch.samples().size(); i++) {
                Sample sample = batch.samples().get(i);
                sends.add(producer.send(carrying(
                        batch.describedBySample(i),
                        new ProducerRecord<>(topics.samples(), sample.channelId(), WireCodec.SAMPLE.toBytes(sample)))));
            }
            for (int i = 0; i < batch.cycles().size(); i++) {
                CycleSummary cycle = batch.cycles().get(i);
                // Not the cycles topic: the live topology judges these and publishes them there itself.
                sends.add(producer.send(carrying(
                        batch.describedByCycle(i),
                        new ProducerRecord<>(
                                topics.externalCycles(), cycle.channelId(), WireCodec.CYCLE_SUMMARY.toBytes(cycle)))));
            }
            for (DeadLetter dead : batch.deadLetters()) {
                sends.add(producer.send(DeadLetterRecord.of(topics.deadLetter(), dead)));
            }
            for (FilePosition position : batch.positions().values()) {
                sends.add(producer.send(
                        new ProducerRecord<>(positionsTopic, ingesterId + "|" + position.path(), position.toJson())));
            }
            commit();
            for (Future<RecordMetadata> send : sends) {
                send.get(); // all completed by the commit; surfaces a failed send
            }
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /**
     * Commits, retrying a commit that timed out (a broker away longer than {@code max.block.ms}): Kafka's
     * producer refuses to abort a transaction whose commit timed out, and finishes it when the commit is called
     * again.
     */
    private void commit() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (attempt >= retry.attempts()) {
                    throw e;
                }
                Duration pause = retry.pauseAfter(attempt);
                LOG.warn("commit timed out ({}); committing again in {} ms", e.getMessage(), pause.toMillis());
                Thread.sleep(pause.toMillis());
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
