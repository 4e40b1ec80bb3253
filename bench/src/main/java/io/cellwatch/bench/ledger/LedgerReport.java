package io.cellwatch.bench.ledger;

import io.cellwatch.alerts.ledger.DeliveryLedger;
import io.cellwatch.alerts.ledger.EpisodeCodec;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.bench.Machine;
import io.cellwatch.bench.Paired;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.model.kafka.TopicProvisioner;
import io.cellwatch.model.kafka.TopicSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What fencing a stalled alert-service instance costs. One delivery-ledger write as the service
 * makes it (a transaction of its own, by the writer of the episode's partition) against the write it
 * replaced: the same record sent by an idempotent producer and awaited (acks=all). And taking a
 * partition over (starting its writer, which fences the previous owner's) against reading the ledger,
 * which the hand-over does anyway. Same broker, same records, rounds taking turns at going first.
 *
 * <p>Alert events are rare (a handful per channel and month) and each costs a few ledger writes, so
 * the figure that matters is how long one write holds a receiver's next delivery.
 */
public final class LedgerReport {
    /** Partitions of the alerts topic (cellwatch's default), each with a writer of its own. */
    private static final int PARTITIONS = 4;

    /** The ledger topic, as the service creates it: one partition, compacted. */
    private static final String TOPIC = "bench.alert-deliveries";

    private LedgerReport() {}

    /**
     * @param msPerWrite the service's write (figure) against the awaited idempotent send (baseline), ms
     * @param msPerClaim taking {@value #PARTITIONS} partitions over (figure) against one read of the
     *     ledger (baseline), ms
     */
    public record Figures(int writesPerRound, Paired msPerWrite, Paired msPerClaim, String load) {}

    public static Figures measure(String bootstrapServers, int rounds, int writesPerRound) throws Exception {
        KafkaConnection kafka = KafkaConnection.plain(bootstrapServers);
        TopicProvisioner.ensure(
                kafka, "bench-admin", List.of(TopicSpec.of(TOPIC, 1, (short) 1).compacted()));
        Paired writes = new Paired();
        Paired claims = new Paired();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not counted
            String owner = "bench-ledger-" + round;
            List<Episode> episodes = episodes(writesPerRound);
            double service;
            double plain;
            if (round % 2 == 0) {
                service = serviceWrites(kafka, owner, episodes);
                plain = plainWrites(kafka, owner, episodes);
            } else {
                plain = plainWrites(kafka, owner, episodes);
                service = serviceWrites(kafka, owner, episodes);
            }
            double[] claim = claimAndRead(kafka, owner + "-claim");
            if (round > 0) {
                writes.add(service, plain);
                claims.add(claim[0], claim[1]);
            }
        }
        return new Figures(writesPerRound, writes, claims, Machine.load());
    }

    /** ms per write, each one the service's transaction through its partition's writer. */
    private static double serviceWrites(KafkaConnection kafka, String owner, List<Episode> episodes)
            throws InterruptedException {
        try (DeliveryLedger ledger = DeliveryLedger.open(kafka, TOPIC, owner)) {
            ledger.claim(List.of(0, 1, 2, 3));
            long start = System.nanoTime();
            for (Episode episode : episodes) {
                ledger.put(episode);
            }
            return (System.nanoTime() - start) / 1e6 / episodes.size();
        }
    }

    /** ms per write as the ledger wrote before it fenced: an awaited send of the same record. */
    private static double plainWrites(KafkaConnection kafka, String owner, List<Episode> episodes) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                kafka.producer(owner + "-plain", KafkaConnection.AWAITED_SENDS),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(TOPIC); // metadata fetched before the clock starts, as the claim does it
            long start = System.nanoTime();
            for (Episode episode : episodes) {
                producer.send(new ProducerRecord<>(
                                TOPIC, owner + "-plain|" + episode.alertId(), EpisodeCodec.toBytes(episode)))
                        .get();
            }
            return (System.nanoTime() - start) / 1e6 / episodes.size();
        }
    }

    /** {claim of every partition, a reload}, ms. */
    private static double[] claimAndRead(KafkaConnection kafka, String owner) {
        try (DeliveryLedger ledger = DeliveryLedger.open(kafka, TOPIC, owner)) {
            long start = System.nanoTime();
            ledger.claim(List.of(0, 1, 2, 3));
            long claimed = System.nanoTime();
            ledger.reload();
            long read = System.nanoTime();
            return new double[] {(claimed - start) / 1e6, (read - claimed) / 1e6};
        }
    }

    private static List<Episode> episodes(int count) {
        List<Episode> episodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String channel = "ch-" + i;
            Alert alert = new Alert(
                    Alert.SCHEMA_VERSION,
                    Alert.episodeId(channel, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 20),
                    channel,
                    AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                    Severity.WARNING,
                    AlertStatus.FIRING,
                    21,
                    21 * 10_800.0,
                    System.currentTimeMillis(),
                    "Soft short suspected at cycle 21",
                    Map.of("chargeAh", 0.00311, "dischargeAh", 0.002554, "coulombicEfficiency", 0.8486));
            episodes.add(Lifecycle.apply(null, alert, i % PARTITIONS, i, System.currentTimeMillis()));
        }
        return episodes;
    }

    public static void print(Figures f, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Delivery ledger (alert service), %d writes per round, %d rounds (x = figure / baseline, per round, then"
                        + " median)%n",
                f.writesPerRound(),
                f.msPerWrite().rounds());
        out.printf(Locale.ROOT, "%-56s %10s %10s %7s %11s%n", "", "figure ms", "base ms", "x", "x range");
        row(out, "one write: own transaction vs awaited idempotent send", f.msPerWrite());
        row(out, "take " + PARTITIONS + " partitions over (fence) vs read the ledger", f.msPerClaim());
        out.println(f.load());
    }

    private static void row(PrintStream out, String name, Paired p) {
        out.printf(
                Locale.ROOT,
                "%-56s %10.2f %10.2f %7.2f %11s%n",
                name,
                p.figure(),
                p.baseline(),
                p.ratio(),
                p.ratioRange());
    }
}
