package io.cellwatch.alerts.delivery;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import java.time.Instant;
import java.util.Locale;

/** The words receivers show people: alert names and one-line summaries. */
public final class AlertText {
    private AlertText() {}

    /** Alertmanager's {@code alertname}: {@code soft_short_capacity_divergence} → {@code CellwatchSoftShortCapacityDivergence}. */
    public static String alertName(AlertKind kind) {
        StringBuilder name = new StringBuilder("Cellwatch");
        for (String word : kind.wireName().split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    /** {@code soft_short_capacity_divergence} → {@code soft short capacity divergence}. */
    public static String kindInWords(AlertKind kind) {
        return kind.wireName().replace('_', ' ');
    }

    /** The severity in capitals while the alert fires ({@code CRITICAL}), {@code RESOLVED} once it has resolved. */
    public static String state(Alert alert) {
        return alert.status() == AlertStatus.FIRING
                ? alert.severity().wireName().toUpperCase(Locale.ROOT)
                : "RESOLVED";
    }

    /** E.g. {@code CRITICAL soft short capacity divergence on sim-li-in-short-01 at cycle 893}. */
    public static String summary(Alert alert) {
        return String.format(
                Locale.ROOT,
                "%s %s on %s at cycle %d",
                state(alert),
                kindInWords(alert.kind()),
                alert.channelId(),
                alert.cycleIndex());
    }

    /** The cycler's clock at the evidence, if the cycler reported one. */
    public static String cyclerTime(Alert alert) {
        return alert.wallTimeMs() == null
                ? null
                : Instant.ofEpochMilli(alert.wallTimeMs()).toString();
    }
}
