package io.cellwatch.deploy.chaos;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.SimulatorConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * A chaos run end to end: a 3-broker cluster, the fleet writing its files, the lab's processes
 * following them, kills while data flows, then, once everything has drained, the verdict against
 * replay. Everything it starts it stops.
 */
public final class ChaosRun {
    static final String TOPIC_PREFIX = "chaos.";
    /**
     * How long the pipeline may go without committing anything after the chaos window before the
     * verdict is taken anyway (a slow machine drains slowly, a stuck pipeline not at all).
     */
    private static final Duration DRAIN_STALL_LIMIT = Duration.ofMinutes(3);
    /** The samples topic must not have grown for this long before its rows are counted. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    /**
     * How long the lab may take to start processing: seven JVMs starting on a busy 2-core machine took
     * close to 4 minutes (load average 47); this only bounds a start that will not happen.
     */
    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(10);
    /** How long the fleet keeps writing after the last kill. */
    private static final Duration TAIL = Duration.ofSeconds(10);

    private ChaosRun() {}

    public static ChaosReport run(ChaosSettings settings, PrintStream log) throws Exception {
        Timeline timeline = new Timeline(log);
        TopicNames topics = TopicNames.withPrefix(TOPIC_PREFIX);
        Random random = new Random(settings.seed());
        SimulatorConfig fleetConfig = new SimulatorConfig(
                settings.channels(),
                settings.seed(),
                settings.sampleIntervalS(),
                SimulatorConfig.DEMO_START_EPOCH_MS,
                true);
        timeline.log("starting 3 KRaft brokers in %s", settings.workDir().resolve("kafka"));
        try (KraftCluster cluster =
                        KraftCluster.start(settings.workDir().resolve("kafka"), settings.brokerProperties());
                WebhookRecorder webhook = WebhookRecorder.start();
                GrowingFleet fleet = GrowingFleet.create(
                        fleetConfig,
                        GrowingFleet.scenarios(settings.channels(), settings.failureCopies()),
                        settings.workDir().resolve("lab"))) {
            String bootstrap = cluster.bootstrapServers();
            KafkaRuntime.ensurePipelineTopics(
                    KafkaConnection.plain(bootstrap), topics, settings.partitions(), (short) KraftCluster.NODES);
            timeline.log(
                    "cluster on %s; %d channel files in %s",
                    bootstrap, fleet.files().size(), settings.workDir());
            try (Lab lab = new Lab(
                            settings.workDir(),
                            bootstrap,
                            TOPIC_PREFIX,
                            settings.partitions(),
                            settings.workDir().resolve("lab"),
                            webhook.url(),
                            settings.streamsProperties());
                    CommitWatch streamsCommits = new CommitWatch(
                            bootstrap, Lab.APPLICATION_ID, topics.samples(), settings.streamsRebalanceProtocol());
                    CommitWatch alertCommits = new CommitWatch(bootstrap, Lab.ALERTS_GROUP, topics.alerts())) {
                lab.start();
                AtomicBoolean writing = new AtomicBoolean(true);
                ExecutorService threads = Executors.newFixedThreadPool(3);
                try {
                    Future<?> feed = threads.submit(() -> feed(fleet, settings.acceleration(), writing));
                    timeline.log(
                            "the fleet writes at %.0fx; waiting until every partition is processed",
                            settings.acceleration());
                    warmUp(streamsCommits, lab, timeline);
                    // Restarted instances start as the launcher starts them, from a class-data archive, where
                    // one can be made: streams-a is restarted cleanly once to record it.
                    Set<String> beforeRestart = Set.of();
                    Optional<String> noArchive = lab.classArchiveUnavailable();
                    if (noArchive.isPresent()) {
                        timeline.log(
                                "no class-data archive (%s): restarts start without one; waiting until the group is stable with both instances",
                                noArchive.get());
                    } else {
                        beforeRestart = streamsCommits.members(
                                lab.instanceId(lab.streams().get(0)) + "-");
                        boolean archived = lab.recordClassArchive();
                        timeline.log(
                                archived
                                        ? "streams-a restarted cleanly with the class-data archive it recorded; waiting until every partition is processed again"
                                        : "no class-data archive (streams-a restarted cleanly without one); waiting until every partition is processed again");
                    }
                    resume(streamsCommits, lab, beforeRestart, timeline);
                    InfrastructureMonkey infra = new InfrastructureMonkey(cluster, lab, settings, random, timeline);
                    StreamsMonkey streams = new StreamsMonkey(
                            lab, streamsCommits, settings, new Random(random.nextLong()), timeline, infra::brokersDown);
                    timeline.log("chaos window open");
                    Future<List<StreamsMonkey.Kill>> kills = threads.submit(streams::run);
                    Future<InfrastructureMonkey.Done> infraDone = threads.submit(() -> infra.run(streams::done));
                    List<StreamsMonkey.Kill> streamsKills = kills.get();
                    InfrastructureMonkey.Done done = infraDone.get();
                    Thread.sleep(TAIL.toMillis()); // data keeps flowing a little past the last kill
                    writing.set(false);
                    feed.get();
                    timeline.log(
                            "chaos window over: %,d rows written (%.1f simulated h); draining",
                            fleet.rowsWritten(), fleet.simTimeS() / 3600);
                    drain(bootstrap, topics, fleet.rowsWritten(), streamsCommits, alertCommits, webhook, timeline);
                    List<String> exitedAlone = lab.dead();
                    timeline.log("verifying against replay of the fleet's files");
                    ChaosVerification verification = ChaosVerification.check(
                            bootstrap, topics, fleet.files(), fleet.channels(), webhook.deliveries());
                    return new ChaosReport(
                            settings,
                            fleet.rowsWritten(),
                            fleet.simTimeS() / 3600,
                            streamsKills,
                            done,
                            verification,
                            exitedAlone,
                            timeline.seconds());
                } finally {
                    writing.set(false);
                    threads.shutdownNow();
                }
            }
        }
    }

    /** The cyclers write in accelerated time until told to stop. */
    private static Void feed(GrowingFleet fleet, double acceleration, AtomicBoolean writing) throws Exception {
        long startNanos = System.nanoTime();
        while (writing.get()) {
            fleet.advanceTo((System.nanoTime() - startNanos) / 1e9 * acceleration);
            Thread.sleep(250);
        }
        return null;
    }

    /**
     * Until both instances have started and every samples partition has been processed and committed
     * once: kills before that would test JVM start-up, not recovery.
     */
    private static void warmUp(CommitWatch streams, Lab lab, Timeline timeline) throws Exception {
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!lab.dead().isEmpty()) {
                throw new IllegalStateException("processes exited during start-up: " + lab.dead());
            }
            try {
                if (streams.committed().values().stream().allMatch(offset -> offset > 0)) {
                    timeline.log("every partition processed");
                    return;
                }
            } catch (Exception notYet) {
                // group not there yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the pipeline did not start processing within " + WARM_UP_LIMIT);
    }

    /**
     * Before the chaos window, after a deliberate restart (or, with none, after the warm-up, where one
     * instance may still carry every task while the other starts): until the restarted instance is back in the
     * group as a new member (none of {@code beforeRestart}, its members before), the group is stable with
     * both instances, and every samples partition has committed past
     * where it stood then, so the first kill finds the lab running. Waiting for commits alone opened the
     * window while the other instance carried every task and the restarted one was still starting: the
     * first kill then took down the only running instance, a double failure the kill schedule had not
     * drawn (in the eighth round's runs every first kill was one).
     */
    private static void resume(CommitWatch streams, Lab lab, Set<String> beforeRestart, Timeline timeline)
            throws Exception {
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        List<String> instances = lab.streams().stream()
                .map(instance -> lab.instanceId(instance) + "-")
                .toList();
        while (!streams.stableWithEvery(instances, beforeRestart)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the group was not stable with " + instances + " within "
                        + WARM_UP_LIMIT + " of a clean restart");
            }
            if (!lab.dead().isEmpty()) {
                throw new IllegalStateException("processes exited during the restart: " + lab.dead());
            }
            Thread.sleep(500);
        }
        timeline.log("the group is stable with both streams instances");
        Map<TopicPartition, Long> before = null;
        while (before == null && System.nanoTime() < deadline) {
            try {
                before = streams.committed();
            } catch (Exception brokerBusy) {
                Thread.sleep(500);
            }
        }
        while (before != null && System.nanoTime() < deadline) {
            if (!lab.dead().isEmpty()) {
                throw new IllegalStateException("processes exited during the restart: " + lab.dead());
            }
            try {
                Map<TopicPartition, Long> now = streams.committed();
                Map<TopicPartition, Long> from = before;
                if (from.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), 0L) > e.getValue())) {
                    timeline.log("every partition processed again");
                    return;
                }
            } catch (Exception brokerBusy) {
                // ask again
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the pipeline did not resume within " + WARM_UP_LIMIT + " of a clean restart");
    }

    /**
     * Until the ingester has delivered every row the fleet wrote (or the samples topic has been quiet
     * for a minute), the streams application has committed everything it read, and the alert service
     * everything it delivered.
     */
    private static void drain(
            String bootstrap,
            TopicNames topics,
            long rowsWritten,
            CommitWatch streams,
            CommitWatch alerts,
            WebhookRecorder webhook,
            Timeline timeline)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_STALL_LIMIT.toNanos();
        Map<TopicPartition, Long> lastCommitted = Map.of();
        Map<TopicPartition, Long> lastEnds = Map.of();
        long quietSince = System.nanoTime();
        int lastReceived = -1;
        long webhookQuietSince = System.nanoTime();
        boolean allRows = false;
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, Long> committed = streams.committed();
                if (!committed.equals(lastCommitted)) {
                    lastCommitted = committed;
                    deadline = System.nanoTime() + DRAIN_STALL_LIMIT.toNanos(); // still making progress
                }
                Map<TopicPartition, Long> ends = streams.ends();
                if (!ends.equals(lastEnds)) {
                    lastEnds = ends;
                    quietSince = System.nanoTime();
                }
                if (webhook.received() != lastReceived) {
                    lastReceived = webhook.received();
                    webhookQuietSince = System.nanoTime();
                }
                long quietFor = System.nanoTime() - quietSince;
                boolean delivered = quietFor > Duration.ofMinutes(1).toNanos()
                        || (quietFor > QUIET.toNanos()
                                && (allRows
                                        || (allRows =
                                                TopicContents.count(bootstrap, topics.samples()) >= rowsWritten)));
                boolean webhookQuiet = System.nanoTime() - webhookQuietSince
                        > Duration.ofSeconds(5).toNanos();
                if (delivered && webhookQuiet && streams.caughtUp() && alerts.caughtUp()) {
                    timeline.log("drained: everything delivered and committed");
                    return;
                }
            } catch (Exception brokerBusy) {
                // ask again
            }
            Thread.sleep(1000);
        }
        timeline.log(
                "nothing committed for %d min and not drained: verifying what is there", DRAIN_STALL_LIMIT.toMinutes());
    }
}
