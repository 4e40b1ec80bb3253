package io.cellwatch.deploy.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Kills a streams instance, picked at random, with SIGKILL every {@code killEveryMin}–{@code
 * killEveryMax} (after the previous one has recovered) until {@code streamsKills} are done, starts it again at once (as a container runtime
 * restarts a crashed container), and measures from outside how long processing stalled: from the
 * kill until every samples partition with input waiting has committed past where it stood.
 */
final class StreamsMonkey {
    /** How long a recovery is waited for before it is reported as not recovered. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);

    /**
     * One kill.
     *
     * @param resumed    when processing resumed, and the partition that moved last; empty when it had not within the limit
     * @param brokerDown a broker was down at the kill or when processing resumed
     */
    record Kill(int number, String instance, double atS, Optional<CommitWatch.Resumed> resumed, boolean brokerDown) {
        Optional<Duration> recovery() {
            return resumed.map(CommitWatch.Resumed::after);
        }
    }

    private final Lab lab;
    private final CommitWatch watch;
    private final ChaosSettings settings;
    private final Random random;
    private final Timeline timeline;
    private final IntSupplier brokersDown;
    private final List<Kill> kills = new java.util.concurrent.CopyOnWriteArrayList<>();

    StreamsMonkey(
            Lab lab,
            CommitWatch watch,
            ChaosSettings settings,
            Random random,
            Timeline timeline,
            IntSupplier brokersDown) {
        this.lab = lab;
        this.watch = watch;
        this.settings = settings;
        this.random = random;
        this.timeline = timeline;
        this.brokersDown = brokersDown;
    }

    /** Kills one instance after another until all kills are done; returns every kill. */
    List<Kill> run() throws Exception {
        long next = System.nanoTime() + interval();
        while (kills.size() < settings.streamsKills()) {
            if (System.nanoTime() < next) {
                Thread.sleep(100);
                continue;
            }
            ChildJvm victim = lab.streams().get(random.nextInt(lab.streams().size()));
            long killedAt = System.nanoTime();
            boolean brokerDown = brokersDown.getAsInt() > 0;
            victim.kill();
            // Read after the kill: the dead instance commits nothing more, so any partition of its that moves
            // from here on was taken up again.
            Map<TopicPartition, Long> atKill = watch.committedPatiently(Duration.ofSeconds(60));
            victim.start();
            Optional<CommitWatch.Resumed> resumed = watch.awaitProgress(atKill, killedAt, RECOVERY_LIMIT);
            brokerDown |= brokersDown.getAsInt() > 0;
            Kill kill = new Kill(kills.size() + 1, victim.name(), timeline.seconds(killedAt), resumed, brokerDown);
            kills.add(kill);
            timeline.log(
                    "kill %d: SIGKILL %s, restarted; processing resumed after %s%s",
                    kill.number(),
                    victim.name(),
                    resumed.map(r -> String.format(
                                    java.util.Locale.ROOT,
                                    "%.1f s (last: %s)",
                                    r.after().toMillis() / 1000.0,
                                    r.slowest()))
                            .orElse("(not within " + RECOVERY_LIMIT.toSeconds() + " s)"),
                    brokerDown ? " (a broker was down)" : "");
            next = killedAt + interval();
        }
        return List.copyOf(kills);
    }

    /** Kills done so far. */
    int done() {
        return kills.size();
    }

    private long interval() {
        long min = settings.killEveryMin().toNanos();
        long max = settings.killEveryMax().toNanos();
        return min + (max == min ? 0 : (long) (random.nextDouble() * (max - min)));
    }
}
