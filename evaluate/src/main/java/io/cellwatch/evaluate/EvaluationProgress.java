package io.cellwatch.evaluate;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Progress of an evaluation, written as plain lines (stderr in the CLI) at most every few seconds.
 * Thread-safe: workers report, the first to report after the interval prints.
 */
public class EvaluationProgress {
    /** Says nothing. */
    public static final EvaluationProgress SILENT = new EvaluationProgress(null, Long.MAX_VALUE, Clock.systemUTC());

    private final PrintWriter out;
    private final long intervalNanos;
    private final AtomicInteger faultsDone = new AtomicInteger();
    private final AtomicInteger healthyDone = new AtomicInteger();
    private final DoubleAdder channelDays = new DoubleAdder();
    private volatile int faultTotal;
    private volatile int healthyTotal;
    /** Only for "how long so far" and "time to print again": no figure of the evaluation reads it. */
    private final Clock clock;

    private final Instant started;
    private volatile Instant lastPrint;

    public EvaluationProgress(PrintWriter out, double intervalSeconds) {
        this(out, intervalSeconds, Clock.systemUTC());
    }

    public EvaluationProgress(PrintWriter out, double intervalSeconds, Clock clock) {
        this(out, (long) (intervalSeconds * 1e9), clock);
    }

    private EvaluationProgress(PrintWriter out, long intervalNanos, Clock clock) {
        this.out = out;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.started = clock.instant();
        this.lastPrint = started;
    }

    void begin(int faultChannels, int healthyChannels, double days, boolean withRealExports) {
        this.faultTotal = faultChannels;
        this.healthyTotal = healthyChannels;
        print(String.format(
                Locale.ROOT,
                "[evaluate] %d fault channels, %d healthy channels of up to %.0f days, %s",
                faultChannels,
                healthyChannels,
                days,
                withRealExports ? "and the real exports" : "no real exports"));
    }

    void channelDone(boolean healthy, double days) {
        (healthy ? healthyDone : faultsDone).incrementAndGet();
        channelDays.add(days);
        Instant now = clock.instant();
        if (out == null || Duration.between(lastPrint, now).toNanos() < intervalNanos) {
            return;
        }
        lastPrint = now;
        print(String.format(
                Locale.ROOT,
                "[evaluate] fault channels %d/%d, healthy channels %d/%d, %,.0f channel-days (%.0f s)",
                faultsDone.get(),
                faultTotal,
                healthyDone.get(),
                healthyTotal,
                channelDays.sum(),
                elapsed()));
    }

    void end() {
        print(String.format(
                Locale.ROOT, "[evaluate] finished: %,.0f channel-days in %.0f s", channelDays.sum(), elapsed()));
    }

    private double elapsed() {
        return Duration.between(started, clock.instant()).toNanos() / 1e9;
    }

    private synchronized void print(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
