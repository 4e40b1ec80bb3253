package io.cellwatch.alerts.dispatch;

import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The events waiting for one receiver, oldest first: the hand-over between the dispatcher's thread,
 * which adds and drops them, and the receiver's thread, which takes them one at a time. Each remembers
 * when it arrived, for the age of the backlog.
 */
final class WaitingEvents {
    /** An event and when it was read. */
    record Waiting(EpisodeEvent event, Instant since) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Waiting> queue = new ArrayDeque<>();

    void add(Waiting waiting) {
        locked(() -> {
            queue.add(waiting);
            changed.signalAll();
            return null;
        });
    }

    /** The oldest, taken off the list; null when none waits. */
    Waiting take() {
        return locked(queue::pollFirst);
    }

    /** The oldest, left on the list; null when none waits. */
    Waiting oldest() {
        return locked(queue::peekFirst);
    }

    /** How many wait, plus {@code inHand} already taken and not yet done. */
    int size(int inHand) {
        return locked(() -> queue.size() + inHand);
    }

    /** Forgets the events of these partitions. */
    void drop(Collection<Integer> partitions) {
        locked(() -> queue.removeIf(w -> partitions.contains(w.event().partition())));
    }

    /**
     * Blocks until an event arrives or {@code wait} passes, whichever first; at once when an event
     * already waits and the receiver has none in hand ({@code busy} false).
     */
    void await(Duration wait, Supplier<Boolean> busy) throws InterruptedException {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        lock.lock();
        try {
            if (queue.isEmpty() || busy.get()) {
                changed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
