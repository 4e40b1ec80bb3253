package io.cellwatch.simulator;

import io.cellwatch.ingest.kafka.SampleProducer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link Simulator} into Kafka in accelerated real time: every tick it advances the
 * simulation to {@code elapsed wall time × acceleration} and produces what the channels measured
 * meanwhile, the way a cycler bridge would stream a lab's channels.
 */
public final class SimulationFeed implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulationFeed.class);
    private static final long TICK_MS = 50;

    private final Simulator simulator;
    private final SampleProducer producer;
    private final double acceleration;
    /** Paces the simulation; only when samples are produced depends on it, never what they are. */
    private final Clock clock;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile double simTimeS;

    public SimulationFeed(Simulator simulator, SampleProducer producer, double acceleration, Clock clock) {
        if (!(acceleration > 0)) {
            throw new IllegalArgumentException("acceleration must be positive, was " + acceleration);
        }
        this.simulator = simulator;
        this.producer = producer;
        this.acceleration = acceleration;
        this.clock = clock;
    }

    @Override
    public void run() {
        producer.publish(simulator.channels());
        Instant start = clock.instant();
        try {
            while (running.get() && !simulator.finished()) {
                double elapsedS = Duration.between(start, clock.instant()).toNanos() / 1e9;
                simulator.advanceTo(elapsedS * acceleration, producer::send);
                simTimeS = simulator.simTimeS();
                Thread.sleep(TICK_MS);
            }
            producer.flush();
            if (simulator.finished()) {
                LOG.info("simulation finished: every channel ended its test");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Simulated seconds played so far. */
    public double simTimeS() {
        return simTimeS;
    }

    public long samplesSent() {
        return producer.sentCount();
    }

    @Override
    public void close() {
        running.set(false);
    }
}
