package io.cellwatch.evaluate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Progress of an evaluation, written as plain lines (stderr in the CLI) at most every few seconds.
 * Thread-safe: workers report, the first to report after the interval prints.
 */
public class EvaluationProgress {
    /** Says nothing. */
    public static final EvaluationProgress SILENT = new EvaluationProgress(null, Long.MAX_VALUE);

    private final PrintWriter out;
    private final long intervalNanos;
    private final AtomicInteger faultsDone = new AtomicInteger();
    private final AtomicInteger healthyDone = new AtomicInteger();
    private final DoubleAdder channelDays = new DoubleAdder();
    private volatile int faultTotal;
    private volatile int healthyTotal;
    private volatile long lastPrint = System.nanoTime();
    private final long started = System.nanoTime();

    public EvaluationProgress(PrintWriter out, double intervalSeconds) {
        this(out, (long) (intervalSeconds * 1e9));
    }

    private EvaluationProgress(PrintWriter out, long intervalNanos) {
        this.out = out;
        this.intervalNanos = intervalNanos;
    }

    void begin(int faultChannels, int healthyChannels, double days) {
        this.faultTotal = faultChannels;
        this.healthyTotal = healthyChannels;
        print(String.format(
                Locale.ROOT,
                "[evaluate] %d fault channels, %d healthy channels of up to %.0f days, and the real exports",
                faultChannels,
                healthyChannels,
                days));
    }

    void channelDone(boolean healthy, double days) {
        (healthy ? healthyDone : faultsDone).incrementAndGet();
        channelDays.add(days);
        long now = System.nanoTime();
        if (out == null || now - lastPrint < intervalNanos) {
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
        return (System.nanoTime() - started) / 1e9;
    }

    private synchronized void print(String line) {
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
