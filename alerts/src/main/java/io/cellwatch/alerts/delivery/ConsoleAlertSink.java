package io.cellwatch.alerts.delivery;

import io.cellwatch.model.Alert;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/** Prints each alert event as one line a person can read at a glance. */
public final class ConsoleAlertSink implements AlertSink {
    private final PrintStream out;

    public ConsoleAlertSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void deliver(Alert alert) {
        out.println(format(alert));
        out.flush();
    }

    public static String format(Alert alert) {
        String when = alert.wallTimeMs() == null
                ? String.format(Locale.ROOT, "t=%.0fs", alert.testTimeS())
                : Instant.ofEpochMilli(alert.wallTimeMs()).toString();
        return String.format(
                Locale.ROOT,
                "ALERT %-8s %-32s %-24s cycle %-5d %s  %s",
                AlertText.state(alert),
                alert.kind().wireName(),
                alert.channelId(),
                alert.cycleIndex(),
                when,
                alert.message());
    }
}
