package io.cellwatch.deploy.chaos;

import java.io.PrintStream;
import java.util.Locale;

/** The run's clock and its log of events, each line stamped with seconds since the start. */
final class Timeline {
    private final long startNanos = System.nanoTime();
    private final PrintStream out;

    Timeline(PrintStream out) {
        this.out = out;
    }

    double seconds() {
        return seconds(System.nanoTime());
    }

    double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    void log(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        synchronized (out) {
            out.printf(Locale.ROOT, "[chaos %7.1f s] %s%n", seconds(), line);
            out.flush();
        }
    }
}
