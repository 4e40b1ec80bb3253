package io.cellwatch.streams.topology;

import java.time.Duration;

/**
 * When data arrived on the channels of this {@code streams} instance (wall clock), shared by its tasks: what a
 * channel's silence is measured against ({@link StallPunctuation#silentFor}). A channel is silent while others
 * send; the time in which nothing arrived anywhere (the ingester, the cyclers' computer or the lab stopped) is
 * no channel's silence, and after such an outage every channel's silence counts from when data came again, since
 * the channels of a resuming ingest or of cyclers switched on one after another do not all come back at once.
 */
final class InstanceArrivals {
    /** Nothing arriving on any channel of the instance for longer than this is an outage ({@link #forSilenceOf}). */
    private final long outageMs;

    private long newestMs;
    private long resumedAtMs;

    InstanceArrivals(long outageMs) {
        this.outageMs = outageMs;
    }

    /**
     * For tests ended after {@code silentFor}: nothing arriving anywhere for a tenth of it is an outage, so no
     * outage adds more than a tenth of the limit to a channel's silence, and a lab whose channels log rarely (a
     * plateau logged every 30 minutes, a handful of channels on the instance) is not taken for one.
     */
    static InstanceArrivals forSilenceOf(Duration silentFor) {
        return new InstanceArrivals(silentFor.isZero() ? Long.MAX_VALUE : silentFor.toMillis() / 10);
    }

    /** Data arrived on some channel at {@code nowMs}. */
    synchronized void arrived(long nowMs) {
        if (newestMs != 0 && nowMs - newestMs > outageMs) {
            resumedAtMs = nowMs;
        }
        newestMs = Math.max(newestMs, nowMs);
    }

    /** When data last arrived on any channel (0: not since this instance started). */
    synchronized long newestMs() {
        return newestMs;
    }

    /** When data came again after the last outage (0: none since this instance started). */
    synchronized long resumedAtMs() {
        return resumedAtMs;
    }
}
