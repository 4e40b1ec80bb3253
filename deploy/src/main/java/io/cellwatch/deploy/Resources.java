package io.cellwatch.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Things started in order and stopped in reverse: the producer before the stream processor before
 * the broker, so nothing in flight is cut off by what it depends on.
 */
public final class Resources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);
    private final Deque<Named> stack = new ArrayDeque<>();

    private record Named(String name, AutoCloseable resource) {}

    public <T extends AutoCloseable> T add(String name, T resource) {
        stack.push(new Named(name, resource));
        return resource;
    }

    /** Starts {@code task} on its own non-daemon thread and registers a closer that joins it after {@code stop}. */
    public Thread startThread(String name, Runnable task, AutoCloseable stop) {
        Thread thread = new Thread(task, name);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} stopped with an error", name, e));
        thread.start();
        add(name, () -> {
            stop.close();
            thread.join(30_000);
        });
        return thread;
    }

    @Override
    public void close() {
        while (!stack.isEmpty()) {
            Named next = stack.pop();
            try {
                next.resource().close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", next.name(), e.toString());
            }
        }
    }
}
