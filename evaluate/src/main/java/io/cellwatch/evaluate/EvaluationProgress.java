package io.cellwatch.evaluate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Progress of an evaluation, written as plain lines (stderr in the CLI) at most every few seconds
 * and whenever a scenario finishes. Thread-safe: workers report, the last one to report after the
 * interval prints.
 */
public class EvaluationProgress {
    /** Says nothing. */
    public static final EvaluationProgress SILENT = new EvaluationProgress(null, Long.MAX_VALUE);

    private final PrintWriter out;
    private final long intervalNanos;
    private final Map<String, Double> scenarios = new ConcurrentHashMap<>();
    private final DoubleAdder populationDone = new DoubleAdder();
    private volatile int scenarioCount;
    private volatile double populationTotal;
    private volatile long lastPrint = System.nanoTime();
    private final long started = System.nanoTime();

    public EvaluationProgress(PrintWriter out, double intervalSeconds) {
        this(out, (long) (intervalSeconds * 1e9));
    }

    private EvaluationProgress(PrintWriter out, long intervalNanos) {
        this.out = out;
        this.intervalNanos = intervalNanos;
    }

    void begin(int scenarioCount, double populationChannelDays) {
        this.scenarioCount = scenarioCount;
        this.populationTotal = populationChannelDays;
        print(String.format(
                Locale.ROOT,
                "[evaluate] %d scenario runs and a healthy population of %,.0f channel-days",
                scenarioCount,
                populationChannelDays));
    }

    void scenario(String label, double fraction) {
        scenarios.put(label, fraction);
        maybePrint();
    }

    void scenarioDone(String label) {
        scenarios.put(label, 1.0);
        long done = scenarios.values().stream().filter(f -> f >= 1).count();
        print(String.format(
                Locale.ROOT,
                "[evaluate] %-30s done (%d/%d scenario runs, %.0f s)",
                label,
                done,
                scenarioCount,
                elapsed()));
    }

    void population(double channelDays) {
        populationDone.add(channelDays);
        maybePrint();
    }

    void end() {
        print(String.format(Locale.ROOT, "[evaluate] finished in %.0f s", elapsed()));
    }

    private void maybePrint() {
        long now = System.nanoTime();
        if (out == null || now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        double scenarioFraction =
                scenarios.values().stream().mapToDouble(Double::doubleValue).sum() / Math.max(1, scenarioCount);
        print(String.format(
                Locale.ROOT,
                "[evaluate] scenarios %3.0f %%, healthy population %,.0f/%,.0f channel-days " + "(%.0f s)",
                100 * scenarioFraction,
                populationDone.sum(),
                populationTotal,
                elapsed()));
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
