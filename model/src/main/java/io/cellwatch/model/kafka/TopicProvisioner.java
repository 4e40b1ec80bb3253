package io.cellwatch.model.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates cellwatch's topics when they are missing, the one way every command does it. Existing
 * topics are left as they are (an operator may have tuned them, or created them with the
 * partitions and replication the cluster needs); another instance creating the same topic at the
 * same moment is fine. Returns only once every created topic's partitions have leaders, because a
 * client that asks right after creation may otherwise be told the topic does not exist.
 *
 * <p>An existing topic with fewer partitions than asked is named in a warning: it was most often made
 * by something else first (a consumer or producer that asked for it before cellwatch created it, on a
 * broker that creates topics on demand, gets the broker's default, one partition), and a samples topic
 * with fewer partitions than instances leaves instances idle. It is not altered: adding partitions to a
 * topic keyed by channel moves channels to other partitions, so a channel's later samples would no
 * longer follow its earlier ones through one task; whether to recreate it is the operator's call.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private TopicProvisioner() {}

    /**
     * @param clientId names the admin client in the broker's logs and quotas
     * @return the topics it created
     * @throws ExecutionException when Kafka refuses a creation (authorization, a replication factor the
     *     cluster cannot meet), with Kafka's reason as the cause
     */
    public static List<String> ensure(KafkaConnection kafka, String clientId, Collection<TopicSpec> topics)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(kafka.admin(clientId))) {
            Set<String> existing = admin.listTopics().names().get();
            for (String shortfall : partitionShortfalls(
                    admin,
                    topics.stream().filter(t -> existing.contains(t.name())).toList())) {
                LOG.warn(shortfall);
            }
            List<TopicSpec> missing =
                    topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            CreateTopicsResult result = admin.createTopics(
                    missing.stream().map(TopicSpec::toNewTopic).toList());
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> creation : result.values().entrySet()) {
                try {
                    creation.getValue().get();
                    created.add(creation.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, created);
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
            return created;
        }
    }

    /**
     * What to tell the operator about each of these existing topics that has fewer partitions than its spec
     * asks; nothing when none has, or when the topics cannot be described (the warning is advice: a
     * principal allowed to write a topic may still lack the right to describe it, and startup goes on).
     */
    static List<String> partitionShortfalls(Admin admin, Collection<TopicSpec> existing) throws InterruptedException {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(
                            existing.stream().map(TopicSpec::name).toList())
                    .allTopicNames()
                    .get();
        } catch (ExecutionException e) {
            LOG.debug("could not describe existing topics to compare their partitions", e);
            return List.of();
        }
        List<String> shortfalls = new ArrayList<>();
        for (TopicSpec spec : existing) {
            TopicDescription topic = described.get(spec.name());
            if (topic != null && topic.partitions().size() < spec.partitions()) {
                shortfalls.add(String.format(
                        "topic %s exists with %d partition(s), fewer than the %d asked: left as it is (made by"
                                + " something that asked for it first, on a broker that creates topics on demand?);"
                                + " at most %d instance(s) share its work. Adding partitions moves channels to other"
                                + " partitions: recreate it empty if it should have %d",
                        spec.name(),
                        topic.partitions().size(),
                        spec.partitions(),
                        topic.partitions().size(),
                        spec.partitions()));
            }
        }
        return shortfalls;
    }

    /**
     * Refuses to go on unless {@code topics} all have one partition count: a processor that reads them in one
     * task per partition number, with state per key, finds a key's records of each topic on the same
     * partition only then (a key's partition is its hash modulo the count). Kafka Streams checks this for
     * joins, not for merged streams.
     *
     * @param why what the topics' keys are, for the message
     * @throws IllegalStateException naming each topic and its count
     */
    public static void requireSamePartitions(KafkaConnection kafka, String clientId, List<String> topics, String why)
            throws InterruptedException, ExecutionException {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        try (Admin admin = Admin.create(kafka.admin(clientId))) {
            // A topic just created by another instance (ensure waits only for the ones it made) may not be
            // known to every broker yet.
            Map<String, TopicDescription> described =
                    describeWhen(admin, topics, all -> true, "are not known to the cluster");
            for (String topic : topics) {
                counts.put(topic, described.get(topic).partitions().size());
            }
        }
        String mismatch = partitionMismatch(counts, why);
        if (mismatch != null) {
            throw new IllegalStateException(mismatch);
        }
    }

    /** What is wrong when {@code counts} (topic → partitions) are not all equal, or null. */
    static String partitionMismatch(Map<String, Integer> counts, String why) {
        if (counts.values().stream().distinct().count() <= 1) {
            return null;
        }
        StringBuilder listed = new StringBuilder();
        counts.forEach((topic, n) -> listed.append(listed.length() == 0 ? "" : ", ")
                .append(topic)
                .append(" has ")
                .append(n));
        int most = counts.values().stream().max(Integer::compare).orElseThrow();
        return "topics keyed by " + why + " must have the same number of partitions, but " + listed
                + ": a key's records would reach different tasks, and its state split between them. Recreate the"
                + " ones with fewer (empty) with " + most + " partitions, or all of them alike";
    }

    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return;
        }
        describeWhen(
                admin,
                topics,
                described -> described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()),
                "were created but have no leaders");
    }

    /**
     * The topics' descriptions once {@code ready} holds for them, asked again every 100 ms, for at most
     * {@link #METADATA_WAIT}, while a broker does not know them yet or they are not ready.
     *
     * @param notReady what the topics are when the wait ends without them ready, for the message
     */
    private static Map<String, TopicDescription> describeWhen(
            Admin admin, List<String> topics, Predicate<Map<String, TopicDescription>> ready, String notReady)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(topics).allTopicNames().get();
                if (ready.test(described)) {
                    return described;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "topics " + topics + " " + notReady + " after " + METADATA_WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
