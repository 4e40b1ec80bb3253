package io.cellwatch.alerts.delivery;

/**
 * A receiver did not take an event: down, unreachable, or it answered that it will not. The message is
 * safe to log. {@link #forGood} tells a refusal that sending the same request again cannot change (an
 * HTTP 4xx: a revoked webhook's 404 or 410, a rejected token's 401, a payload the receiver rejects)
 * from one that may pass later (5xx, no answer, 408 Request Timeout, 425 Too Early, 429 Too Many
 * Requests), as Alertmanager's own notifiers tell them apart.
 */
public class ReceiverRefusal extends Exception {
    private final boolean forGood;

    public ReceiverRefusal(String message, boolean forGood) {
        super(message);
        this.forGood = forGood;
    }

    /** Whether an HTTP status refuses the request for good: a 4xx other than 408, 425 and 429. */
    public static boolean forGood(int status) {
        return status / 100 == 4 && status != 408 && status != 425 && status != 429;
    }

    /** Whether sending the same event again cannot be accepted until someone changes the receiver or its settings. */
    public boolean forGood() {
        return forGood;
    }
}
