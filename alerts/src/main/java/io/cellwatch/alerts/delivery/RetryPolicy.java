package io.cellwatch.alerts.delivery;

import java.time.Duration;

/**
 * Exponential backoff while a receiver is down: the first retry soon (a blip), then doubling up to
 * a ceiling, so a receiver that is back is found within that ceiling and a dead one is not hammered.
 * An event a receiver refuses for good ({@link ReceiverRefusal#forGood}) is retried the same way for
 * {@code giveUpAfter}, then given up.
 *
 * @param initial     first wait after a failure
 * @param max         ceiling of the wait
 * @param giveUpAfter how long an event refused for good is tried before it is given up: time for a
 *                    receiver being deployed again, or a token being replaced, to come back
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter) {

    /**
     * Ten minutes of refusals: a receiver's rolling restart or a rotated token is over well within that,
     * and a webhook that stays revoked holds its queue (and, past its bound, the reading of the alerts
     * topic for every receiver) no longer.
     */
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(15));

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "retry backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("giving up needs a wait of 0 or more, got " + giveUpAfter);
        }
    }

    public RetryPolicy(Duration initial, Duration max) {
        this(initial, max, GIVE_UP_AFTER);
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
