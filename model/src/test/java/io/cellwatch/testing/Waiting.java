package io.cellwatch.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for something to come true (Awaitility underneath), for tests that then assert on what
 * they got: the wait itself never fails a test, the assertion after it does, with its own message.
 */
public final class Waiting {
    private Waiting() {}

    /** Polls {@code condition} until it holds or {@code timeout} passes; whether it held. */
    public static boolean until(Duration timeout, Duration pollInterval, Callable<Boolean> condition) {
        if (timeout.compareTo(pollInterval) <= 0) {
            try {
                return condition.call(); // no time left to wait: one look
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            await().atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(pollInterval)
                    .until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Polls {@code value} until what it returns satisfies {@code done} or {@code timeout} passes; the last value. */
    public static <T> T until(Duration timeout, Duration pollInterval, Callable<T> value, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        until(timeout, pollInterval, () -> {
            T current = value.call();
            last.set(current);
            return done.test(current);
        });
        return last.get();
    }
}
