package io.cellwatch.deploy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a long-running command alive until Ctrl-C (SIGINT/SIGTERM) or a time limit, printing a
 * progress line now and then, and lets the command shut down cleanly before the JVM exits.
 */
public final class RunUntilStopped {
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public RunUntilStopped() {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopRequested.countDown();
                            try {
                                // The JVM halts once hooks return: wait for the command's own orderly close.
                                stopped.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "cellwatch-shutdown"));
    }

    /**
     * Blocks until stopped or {@code limit} elapsed (zero: no limit), printing {@code progress} to stderr
     * every {@code every}.
     */
    public void await(Duration limit, Duration every, Supplier<String> progress) throws InterruptedException {
        long deadline = limit.isZero() ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (stopRequested.await(Math.min(left, every.toNanos()), TimeUnit.NANOSECONDS)) {
                return;
            }
            if (progress != null) {
                System.err.println(progress.get());
            }
        }
    }

    /** True once Ctrl-C or a termination signal asked the command to stop. */
    public boolean stopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Call once everything is closed. */
    public void done() {
        stopped.countDown();
    }
}
