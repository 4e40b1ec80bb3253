package io.cellwatch.streams;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DepartedInstanceFence}'s fences one at a time, off the rebalance's path, on a daemon
 * thread. Of the assignments waiting behind a running fence only the newest counts (its members are the
 * current ones), so at most one waits: a newer one cancels it and takes its place.
 */
final class FenceExecutor {
    /** Logs under the fence's name: an operator reads these lines as the fence's. */
    private static final Logger LOG = LoggerFactory.getLogger(DepartedInstanceFence.class);

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1),
            runnable -> {
                Thread thread = new Thread(runnable, "cellwatch-departed-instance-fence");
                thread.setDaemon(true);
                return thread;
            },
            (newer, executor) -> {
                if (executor.isShutdown()) {
                    return;
                }
                Runnable older = executor.getQueue().poll();
                if (older instanceof Future<?> waiting) {
                    waiting.cancel(false);
                    LOG.info("departed-instance fence: a newer assignment replaces the fence still waiting");
                }
                executor.execute(newer);
            });

    /** Runs {@code fence} after the running one, in place of any still waiting. */
    <T> Future<T> submit(Callable<T> fence) {
        return executor.submit(fence);
    }
}
