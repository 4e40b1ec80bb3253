package io.cellwatch.alerts.delivery;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
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
        String status = alert.status() == AlertStatus.FIRING
                ? alert.severity().wireName().toUpperCase(Locale.ROOT)
                : "RESOLVED";
        return String.format(
                Locale.ROOT,
                "ALERT %-8s %-32s %-24s cycle %-5d %s  %s",
                status,
                alert.kind().wireName(),
                alert.channelId(),
                alert.cycleIndex(),
                when,
                alert.message());
    }
}
