package io.cellwatch.deploy.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Kills a streams instance, picked at random, with SIGKILL every {@code killEveryMin}–{@code
 * killEveryMax} (after the previous one has recovered) until {@code streamsKills} are done, starts it again at once (as a container runtime
 * restarts a crashed container), and measures from outside how long processing stalled: from the
 * kill until every samples partition with input waiting has committed past where it stood. It also
 * notes when the group was stable again without the killed instance (its session timed out and the
 * survivor was assigned its tasks), which splits a recovery into the group's part and the survivor's
 * (taking the tasks over until their first commit), and when the restarted JVM first answers {@code
 * /health} (the process starting: the machine's share).
 */
final class StreamsMonkey {
    /** How long a recovery is waited for before it is reported as not recovered. */
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);

    /**
     * One kill.
     *
     * @param resumed    when processing resumed, and the partition that moved last; empty when it had not within the limit
     * @param rebalanced from the kill until the group was stable again without the killed instance's members
     *                   (its session timed out, the survivor rejoined and was assigned); empty when not seen
     *                   within the limit (or the group could not be described)
     * @param upAfter    from the kill until the restarted JVM answered {@code /health}; empty when it had not within the limit
     * @param brokerDown a broker was down at the kill or when processing resumed
     * @param load       the machine's 1-minute load average when processing resumed (NaN where the system
     *                   does not say): recovery times mean little without it
     */
    record Kill(
            int number,
            String instance,
            double atS,
            Optional<CommitWatch.Resumed> resumed,
            Optional<Duration> rebalanced,
            Optional<Duration> upAfter,
            boolean brokerDown,
            double load) {
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
            LocalTime killedAtClock = LocalTime.now();
            boolean brokerDown = brokersDown.getAsInt() > 0;
            Set<String> departing = watch.members(lab.instanceId(victim) + "-");
            victim.kill();
            // Restarted at once, as a container runtime would: reading the committed offsets waits for the
            // dead instance's open transaction to be aborted (seconds), and a restart held back that long
            // came after its session had ended, so the restarted instance's crashed-member removal found
            // nothing to remove. The read runs beside the restart: started after the kill, it sees nothing
            // more of the dead instance, so any partition of its that moves from its answer on was taken up
            // again (a commit by the new owner before the answer only makes the recovery read longer).
            CompletableFuture<Map<TopicPartition, Long>> atKillRead = new CompletableFuture<>();
            daemon(() -> {
                try {
                    atKillRead.complete(watch.committedPatiently(Duration.ofSeconds(60)));
                } catch (InterruptedException | RuntimeException e) {
                    atKillRead.completeExceptionally(e);
                }
            });
            victim.start();
            Map<TopicPartition, Long> atKill = atKillRead.get();
            URI health = lab.health(victim);
            CompletableFuture<Optional<Duration>> up =
                    CompletableFuture.supplyAsync(() -> awaitUp(health, killedAt), StreamsMonkey::daemon);
            CompletableFuture<Optional<Duration>> rebalanced =
                    CompletableFuture.supplyAsync(() -> awaitRebalanced(departing, killedAt), StreamsMonkey::daemon);
            Optional<CommitWatch.Resumed> resumed = watch.awaitProgress(atKill, killedAt, RECOVERY_LIMIT);
            brokerDown |= brokersDown.getAsInt() > 0;
            Kill kill = new Kill(
                    kills.size() + 1,
                    victim.name(),
                    timeline.seconds(killedAt),
                    resumed,
                    rebalanced.get(),
                    up.get(),
                    brokerDown,
                    loadAverage());
            kills.add(kill);
            timeline.log(
                    "kill %d: SIGKILL %s at %s, restarted (up after %s); group rebalanced after %s; processing"
                            + " resumed after %s%s; load %.1f",
                    kill.number(),
                    victim.name(),
                    killedAtClock.truncatedTo(ChronoUnit.MILLIS),
                    kill.upAfter().map(StreamsMonkey::seconds).orElse("-"),
                    kill.rebalanced().map(StreamsMonkey::seconds).orElse("-"),
                    resumed.map(r -> seconds(r.after()) + " (last: " + r.slowest() + "; each: " + moved(r) + ")")
                            .orElse("(not within " + RECOVERY_LIMIT.toSeconds() + " s)"),
                    brokerDown ? " (a broker was down)" : "",
                    kill.load());
            next = killedAt + interval();
        }
        return List.copyOf(kills);
    }

    /** Polls the restarted instance's {@code /health} until it answers 200; how long after the kill that was. */
    private static Optional<Duration> awaitUp(URI health, long killedAtNanos) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request =
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build();
        long deadline = killedAtNanos + RECOVERY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Optional.of(Duration.ofNanos(System.nanoTime() - killedAtNanos));
                }
            } catch (IOException notYetListening) {
                // the JVM is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Waits until the group has rebalanced without the killed instance's members; empty if not seen in the limit. */
    private Optional<Duration> awaitRebalanced(Set<String> departing, long killedAtNanos) {
        try {
            return watch.awaitRebalanced(departing, killedAtNanos, RECOVERY_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The 1-minute load average from {@code /proc/loadavg}; NaN where there is none (not Linux). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "chaos-kill-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Each partition's wait, e.g. {@code 0: 7.1 s, 3: 9.8 s}. */
    private static String moved(CommitWatch.Resumed resumed) {
        return resumed.moved().entrySet().stream()
                .map(e -> e.getKey().partition() + ": " + seconds(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
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
