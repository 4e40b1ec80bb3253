package io.cellwatch.alerts.delivery;

import java.time.Duration;

/**
 * Exponential backoff while a receiver is down: the first retry soon (a blip), then doubling up to
 * a ceiling, so a receiver that is back is found within that ceiling and a dead one is not hammered.
 *
 * @param initial first wait after a failure
 * @param max     ceiling of the wait
 */
public record RetryPolicy(Duration initial, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(15));

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "retry backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failures in a row (1 or more). */
    public Duration backoffAfter(int failures) {
        Duration wait = initial;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
