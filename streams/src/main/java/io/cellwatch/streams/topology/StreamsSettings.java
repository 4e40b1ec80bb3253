package io.cellwatch.streams.topology;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.metrics.DeadLetterCounting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams configuration for the monitoring topology.
 *
 * <p>Exactly-once (v2) by default: a sample is folded into its cycle once, and a cycle summary and
 * the alerts it causes are committed together with the input offsets, so a crash can neither lose
 * an alert nor double a cycle's capacity. Records that cannot be read or processed go to the
 * dead-letter topic with the reason in {@code __streams.errors.*} headers; the rest keeps flowing.
 *
 * <p>Recovery from a crash. A killed instance's tasks move, after a {@value #SESSION_TIMEOUT_MS} ms
 * session timeout, to the instance holding their standby replica, kept up to date from the
 * changelogs; the restarted instance, its local state wiped (exactly-once cannot trust RocksDB files
 * written under an open transaction), is meant to warm up as a standby and get its share back at the
 * next probing rebalance rather than at once ({@link #TASK_ASSIGNOR}). Each instance is a static member
 * ({@code group.instance.id}), so a clean restart within the session timeout keeps its tasks without a
 * rebalance; after a crash the group's leader fences the dead one's open transactions when it hands its
 * tasks over ({@code DepartedInstanceFence}), and the restarted instance fences them as it starts
 * ({@code PredecessorFence}). Changelog segments are small, so compaction keeps up with state that is
 * rewritten every commit and a restore reads little more than the latest value of each channel. Once
 * the survivor runs the tasks it took over, their input has to reach them through its consumer's fetch
 * buffer, behind the backlog of its own ({@link #MAIN_CONSUMER_PARTITION_FETCH_BYTES}), and each step of
 * taking a partition over waits for the thread's next poll ({@code max.poll.records}, below).
 *
 * <p>Left as Kafka Streams has them, and why:
 * <ul>
 *   <li>{@code max.poll.records}, 1,000: a stream thread polls again only when it has processed all it
 *       can of what the last poll gave it, and each step of taking a partition over after a crash (its
 *       committed offset, its first fetch, its records) happens in a poll. With 100 on the main consumer
 *       a loaded survivor first fetched the partitions it took over 2.8-5.4 s after {@code RUNNING}
 *       instead of 5.2-13.4 s (ninth round's chaos runs), but the pipeline bench lost a third to a half
 *       of its samples per CPU-second (demo fleet under exactly-once 26,935 to 13,620, its pass-through
 *       28,364 to 19,295, in one sitting): a poll's fixed cost is paid ten times as often. Kept; an
 *       operator who would rather fail over sooner than process more sets
 *       {@code main.consumer.max.poll.records}. (250, with 16 KiB fetches, had cut throughput under
 *       load to a third in the fifth round.)
 *   <li>{@code commit.interval.ms}, 100 ms under exactly-once: output becomes visible only at a commit,
 *       so the interval is the floor of the sample-to-alert latency (goal: p99 300 ms). Commits came
 *       0.2-0.5 s apart on a quiet machine and 0.7-1.4 s under load anyway: each transaction's first
 *       sends wait for the previous one's markers ({@code CONCURRENT_TRANSACTIONS}, retried after a
 *       backoff that doubles). That has a cost after a takeover: a stream thread halves the records it
 *       processes per task between checks whenever a check commits (Kafka's {@code StreamThread}), so
 *       with every commit slower than the interval it works a few records per task per transaction
 *       (three, in step, for seconds after one takeover). A longer interval would lift that and delay
 *       every alert by as much; measured in two chaos runs (ninth round), not changed.
 *   <li>{@code max.task.idle.ms}, 0: a pipeline task reads samples, external cycles, unreadable rows and
 *       replicate-group alerts, and waits until each of these partitions has been fetched once and none
 *       has records on the broker it has not fetched, so that it takes them in time order. Turning the
 *       wait off ({@code -1}) would start a taken-over task on its samples before it knows what else is
 *       waiting, and make the order in which a channel's pipeline sees them depend on fetch timing.
 *   <li>One stream thread by default ({@code --threads}): a second thread would get half of the
 *       tasks taken over and a fetch buffer of its own, but also a producer and a transaction of its own
 *       at every commit, on brokers that are what is starved on a loaded machine; it buys no CPU there.
 *   <li>The committed-offset fetch: under exactly-once a survivor reads the taken-over partitions'
 *       offsets with {@code require_stable}, answered {@code UNSTABLE_OFFSET_COMMIT} while the dead
 *       instance's transaction is open; the fences above end that wait, no setting of the consumer does.
 * </ul>
 * Every one of these values is a default the operator's client properties override ({@link #tuning}).
 *
 * @param kafka             the Kafka cluster and the operator's client properties (TLS, SASL), which every
 *                          client Kafka Streams creates gets
 * @param applicationId     the Streams application id (consumer group and internal topic prefix)
 * @param stateDir          where local state lives; keep it out of the system temp folder
 * @param deadLetterTopic   where unreadable or unprocessable records go
 * @param exactlyOnce       exactly_once_v2 when true, at_least_once otherwise
 * @param streamThreads     stream threads in this instance
 * @param replicationFactor replication of internal topics (-1: the broker default)
 * @param applicationServer host:port of this instance's query API, for interactive queries (or null)
 * @param instanceId        this instance's stable name in the group (static membership); null for a dynamic member
 */
public record StreamsSettings(
        KafkaConnection kafka,
        String applicationId,
        Path stateDir,
        String deadLetterTopic,
        boolean exactlyOnce,
        int streamThreads,
        int replicationFactor,
        String applicationServer,
        String instanceId) {

    public static final String DEFAULT_APPLICATION_ID = "cellwatch";
    /**
     * How long a member may be silent before its tasks move to the instance holding their standbys:
     * the smallest a broker accepts by default ({@code group.min.session.timeout.ms}, 6 s), so no
     * cluster has to be changed. Waiting longer for a crashed instance to come back buys nothing under
     * exactly-once: its local state is wiped after a crash and it must restore before it can process,
     * while the standby holder is caught up now. (A clean restart within the timeout still keeps its
     * tasks without a rebalance: that is what static membership is kept for. A restart after a crash
     * takes its old members out of the group instead, {@code CrashedMemberRemoval}.) Shorter needs the
     * brokers' minimum lowered: the operator's choice, with {@code session.timeout.ms} and {@code
     * heartbeat.interval.ms} in the client properties; cellwatch's own brokers accept 3 s.
     */
    static final int SESSION_TIMEOUT_MS = 6_000;
    /** A third of the session timeout, Kafka's ratio: two missed heartbeats are not yet a failure. */
    static final int HEARTBEAT_INTERVAL_MS = 2_000;
    /**
     * Changelog records an instance may be behind on a task and still be given it as active. Kafka's
     * 10,000 counts an instance restarted after a crash, its state wiped (every changelog here is a few
     * thousand records), as caught up: the tasks that had just failed over moved straight back to it
     * and stalled while it restored. Below that, it should warm up as a standby first. Kafka Streams'
     * default assignor still handed back every task whose changelog was under it (and the empty ones,
     * lag 0), so cellwatch's own assignor ({@code FailoverTaskAssignor}) uses this lag only for a
     * standby the instance already held (README, "Availability after a crash").
     */
    static final long ACCEPTABLE_RECOVERY_LAG = 1_000;
    /**
     * How soon a warmed-up instance gets its share of the work back: Kafka's minimum, 1 minute (its
     * default is 10), so the surviving instance does not carry everything for long after a crash.
     */
    static final long PROBING_REBALANCE_INTERVAL_MS = 60_000;
    /**
     * cellwatch's task assignor ({@code task.assignor.class}, KIP-924), by name: the class lives in the
     * service package, which this package may not depend on. It keeps a running task where it runs, moves
     * a dead instance's tasks to the holders of their standbys, gives a restarted instance standbys only
     * until a probing rebalance, and fences the transactions of instances gone from the group ({@code
     * FailoverTaskAssignor}, {@code TaskPlacement}, {@code DepartedInstanceFence}). Under the Streams
     * rebalance protocol the broker assigns and this is not set.
     */
    static final String TASK_ASSIGNOR = "io.cellwatch.streams.FailoverTaskAssignor";
    /**
     * The most the main consumer fetches from one partition at a time. Kafka's 1 MiB (about 12,000
     * samples) kept a stream thread 5-8 s on one partition after a rebalance while the others, the ones
     * just taken over from a crashed instance among them, committed nothing (third round); at 64 KiB
     * (about 750 samples) every partition with records waiting gets some in each round of fetches.
     * What is left of a survivor's start on the tasks it took over is mostly this wait: the Kafka 4.3
     * consumer sends a broker no fetch while any partition it leads still has fetched records in the
     * buffer ({@code AbstractFetch.prepareFetchRequests}), the buffer is handed out in the order the
     * fetches came back, and a pipeline task starts only once each of its four input partitions has been
     * fetched ({@code max.task.idle.ms} 0, in the class comment), so the taken-over tasks start broker
     * by broker, each behind the backlog buffered ahead of it. Smaller is not better here: 16 KiB, with
     * 250 records a poll, cut the pipeline's throughput under load to a third or less (the fifth round's
     * chaos runs: 7-240 samples committed a second against 64-750 in the runs beside them) and the
     * taken-over tasks started no sooner. Only the main consumer: restores read big.
     */
    static final int MAIN_CONSUMER_PARTITION_FETCH_BYTES = 64 * 1024;
    /**
     * Changelog segment size. The pipeline store rewrites each channel's state at every commit; with
     * Kafka's 1 GiB default the active segment, which compaction never touches, would hold hours of
     * rewrites that every restore after a crash has to read.
     */
    static final int CHANGELOG_SEGMENT_BYTES = 8 * 1024 * 1024;

    /** Settings with the default static-membership name ({@link #defaultInstanceId}). */
    public StreamsSettings(
            KafkaConnection kafka,
            String applicationId,
            Path stateDir,
            String deadLetterTopic,
            boolean exactlyOnce,
            int streamThreads,
            int replicationFactor,
            String applicationServer) {
        this(
                kafka,
                applicationId,
                stateDir,
                deadLetterTopic,
                exactlyOnce,
                streamThreads,
                replicationFactor,
                applicationServer,
                defaultInstanceId(stateDir));
    }

    /**
     * A name that stays the same across restarts of one instance and differs between instances:
     * the host name and a digest of the state directory (the state an instance restarts from is its
     * identity; two instances on one host have two state directories).
     */
    public static String defaultInstanceId(Path stateDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return host + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The properties Kafka Streams gets, layered, later wins: cellwatch's tuning ({@link #tuning}),
     * then the operator's client properties ({@code --kafka-config}, {@code CELLWATCH_KAFKA_*}), then
     * what cellwatch's flags and guarantees set (application id, state directory, processing
     * guarantee, error handling, the static member's name). An operator can so change a timeout or
     * the number of standbys, never exactly-once.
     */
    public Properties toProperties() {
        Properties operator = kafka.clientProperties();
        boolean streamsProtocol = streamsRebalanceProtocol(operator);
        Properties props = new Properties();
        props.putAll(tuning(streamsProtocol));
        props.putAll(operator);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        // Refuse any auto-named internal topic or store: names are part of the upgrade contract.
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Kafka's log-and-continue handlers, except for a record read from the dead-letter topic itself, which
        // is not written back there to fail again for ever (DeadLetterCounting.Handler).
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterCounting.Handler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterCounting.Handler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        if (instanceId != null) {
            // Kafka Streams appends each stream thread's index.
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        return props;
    }

    /**
     * cellwatch's choices for recovery and throughput, each of which an operator's client properties
     * override (why each value: the constants' comments). Under the Streams rebalance protocol the
     * session timeout and the standbys are the streams group's, set on the broker, not here.
     */
    static Map<String, Object> tuning(boolean streamsProtocol) {
        Map<String, Object> tuning = new LinkedHashMap<>();
        tuning.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        if (!streamsProtocol) {
            // Unprefixed, so that an operator's session.timeout.ms, prefixed or not, wins.
            tuning.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
            tuning.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
            tuning.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
            tuning.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, ACCEPTABLE_RECOVERY_LAG);
            tuning.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, PROBING_REBALANCE_INTERVAL_MS);
            tuning.put(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, TASK_ASSIGNOR);
        }
        tuning.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), CHANGELOG_SEGMENT_BYTES);
        // Prefixed: the restore and global consumers keep Kafka's size. An operator overrides it with the
        // same prefixed key (main.consumer.max.partition.fetch.bytes).
        tuning.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                MAIN_CONSUMER_PARTITION_FETCH_BYTES);
        return tuning;
    }

    /** Whether the operator chose the Streams rebalance protocol (KIP-1071): the broker then assigns the tasks. */
    public boolean streamsRebalanceProtocol() {
        return streamsRebalanceProtocol(kafka.clientProperties());
    }

    /**
     * The Streams rebalance protocol (KIP-1071) chosen by the operator: the instance joins as a static
     * member (Kafka 4.4's client allows it; 4.3's refused it) and the broker's streams group
     * configuration (session timeout, standbys) decides how fast a dead member's tasks move.
     */
    public static boolean streamsRebalanceProtocol(Map<?, ?> props) {
        return "streams"
                .equalsIgnoreCase(String.valueOf(props.get(StreamsConfig.GROUP_PROTOCOL_CONFIG))
                        .trim());
    }
}
