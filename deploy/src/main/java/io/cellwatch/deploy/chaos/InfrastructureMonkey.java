package io.cellwatch.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The other failures of a chaos run, spread over the streams kills (each at a point of their
 * count, so a slow machine shifts them in time but not in order): brokers killed with SIGKILL and
 * started again on their data (the first time with the ingester killed too while that broker is
 * down), and the alert service killed and restarted. Before the next broker goes down, every
 * partition is back to three in-sync replicas, as in a rolling restart: with {@code
 * min.insync.replicas} 2, a second broker down before the first caught up would stop writes, which
 * is the cluster doing its job, not a failure of cellwatch's.
 */
final class InfrastructureMonkey {
    /** How long a killed broker stays down while data flows: past the controller's 9 s broker session, so its
     * partitions get new leaders and shrink their in-sync replicas, and it has to catch up when it is back. */
    static final Duration BROKER_OUTAGE = Duration.ofSeconds(20);

    /** Counts of what was done. */
    record Done(int brokerRestarts, int ingesterKills, int alertServiceKills) {}

    private record Event(double atFraction, boolean broker, int index) {}

    private final KraftCluster cluster;
    private final Lab lab;
    private final ChaosSettings settings;
    private final Random random;
    private final Timeline timeline;
    private final AtomicInteger brokersDown = new AtomicInteger();

    InfrastructureMonkey(KraftCluster cluster, Lab lab, ChaosSettings settings, Random random, Timeline timeline) {
        this.cluster = cluster;
        this.lab = lab;
        this.settings = settings;
        this.random = random;
        this.timeline = timeline;
    }

    int brokersDown() {
        return brokersDown.get();
    }

    /** Runs every event once {@code streamsKillsDone} reaches its share of the streams kills. */
    Done run(java.util.function.IntSupplier streamsKillsDone) throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < settings.brokerRestarts(); i++) {
            events.add(new Event((i + 1.0) / (settings.brokerRestarts() + 1), true, i));
        }
        for (int i = 0; i < settings.alertServiceKills(); i++) {
            events.add(new Event((i + 0.5) / (settings.alertServiceKills() + 0.5), false, i));
        }
        events.sort(Comparator.comparingDouble(Event::atFraction));
        int brokerRestarts = 0;
        int ingesterKills = 0;
        int alertKills = 0;
        for (Event event : events) {
            int after = Math.max(1, (int) Math.ceil(event.atFraction() * settings.streamsKills()));
            while (streamsKillsDone.getAsInt() < after) {
                Thread.sleep(100);
            }
            if (event.broker()) {
                ingesterKills += restartBroker(event.index() == 0);
                brokerRestarts++;
            } else {
                lab.alerts().kill();
                lab.alerts().start();
                alertKills++;
                timeline.log("alert service: SIGKILL, restarted");
            }
        }
        return new Done(brokerRestarts, ingesterKills, alertKills);
    }

    /** Returns 1 when the ingester was killed too. */
    private int restartBroker(boolean withIngester) throws Exception {
        int node = 1 + random.nextInt(KraftCluster.NODES);
        brokersDown.incrementAndGet();
        try {
            cluster.kill(node);
            timeline.log("broker %d: SIGKILL", node);
            if (withIngester) {
                Thread.sleep(BROKER_OUTAGE.toMillis() / 2);
                lab.ingester().kill();
                lab.ingester().start();
                timeline.log("ingester: SIGKILL while broker %d is down, restarted", node);
                Thread.sleep(BROKER_OUTAGE.toMillis() / 2);
            } else {
                Thread.sleep(BROKER_OUTAGE.toMillis());
            }
            cluster.restart(node);
        } finally {
            brokersDown.decrementAndGet();
        }
        timeline.log("broker %d: back; waiting until every partition has 3 in-sync replicas", node);
        cluster.awaitFullyReplicated(Duration.ofMinutes(5));
        timeline.log("broker %d: every partition fully replicated", node);
        return withIngester ? 1 : 0;
    }
}
