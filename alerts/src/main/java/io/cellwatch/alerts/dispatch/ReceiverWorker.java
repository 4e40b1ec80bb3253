package io.cellwatch.alerts.dispatch;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The thread that steps one {@link ReceiverQueue}: delivers, waits out backoffs, re-sends. */
public final class ReceiverWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverWorker.class);

    private final ReceiverQueue receiver;
    private final Thread thread;
    private volatile boolean running = true;

    public ReceiverWorker(ReceiverQueue receiver) {
        this.receiver = receiver;
        this.thread = new Thread(this, "alerts-" + receiver.sink().name());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                Duration wait = receiver.step();
                receiver.awaitWork(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: delivery stopped", receiver.sink().name(), e);
        }
    }

    /**
     * Stops once the attempt under way has ended and been recorded (waiting at most {@code bound}, then
     * interrupting it): a clean stop does not cut off a receiver's answer, which would make the next
     * owner send the event again. What was not delivered stays uncommitted and comes back next start.
     */
    public void stop(Duration bound) throws InterruptedException {
        running = false;
        receiver.awaitAttemptEnd(bound);
        thread.interrupt();
        thread.join(15_000);
    }
}
