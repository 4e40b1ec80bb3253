package io.cellwatch.streams.detect;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle of one kind of alert on one channel: it fires once, may escalate from warning to
 * critical, and resolves. One episode keeps one {@link Alert#alertId()} from firing to resolved, so
 * receivers deduplicate; repeating the same evidence at the same or a lower severity says nothing
 * new and sends nothing (no alert storms). Part of a detector's per-channel state: three fields.
 */
public final class Episode {
    String alertId;
    Severity severity;
    /** Consecutive judgements without the signature while firing; what resolution counts. */
    int quietRun;

    public Episode() {
        // for the state-store codec
    }

    public boolean firing() {
        return alertId != null;
    }

    /** The severity of the firing episode, or null. */
    public Severity severity() {
        return severity;
    }

    public String alertId() {
        return alertId;
    }

    /**
     * The signature is present at this severity: a new episode, an escalation, or nothing when the
     * episode already fired at this severity or higher.
     */
    public List<Alert> fire(
            AlertKind kind, Severity wanted, Evidence at, String message, Map<String, Double> evidence) {
        return fire(kind, wanted, at, message, evidence, "");
    }

    /**
     * As {@link #fire(AlertKind, Severity, Evidence, String, Map)}, a new episode's id ending in {@code
     * idSuffix}: the test it belongs to, for a detector that runs outside the channel's pipeline (which
     * names its own detectors' episodes after the test itself).
     */
    public List<Alert> fire(
            AlertKind kind,
            Severity wanted,
            Evidence at,
            String message,
            Map<String, Double> evidence,
            String idSuffix) {
        quietRun = 0;
        if (firing() && (severity == Severity.CRITICAL || wanted == Severity.WARNING)) {
            return List.of();
        }
        if (!firing()) {
            alertId = Alert.episodeId(at.channelId(), kind, at.cycleIndex()) + idSuffix;
        }
        severity = wanted;
        return List.of(at.alert(alertId, kind, wanted, AlertStatus.FIRING, message, evidence));
    }

    /** The signature showed but not yet strongly enough to fire: a firing episode is not quiet either. */
    public void signatureSeen() {
        quietRun = 0;
    }

    /**
     * The signature is absent: counts quiet judgements while firing and resolves the episode after
     * {@code resolveAfter} of them in a row; nothing otherwise.
     */
    public List<Alert> quiet(
            AlertKind kind, int resolveAfter, Evidence at, String message, Map<String, Double> evidence) {
        if (!firing()) {
            return List.of();
        }
        quietRun++;
        if (quietRun < resolveAfter) {
            return List.of();
        }
        Alert resolved = at.alert(alertId, kind, severity, AlertStatus.RESOLVED, message, evidence);
        alertId = null;
        severity = null;
        quietRun = 0;
        return List.of(resolved);
    }

    /** Where and when an alert event happened: channel, cycle and times of the evidence. */
    public record Evidence(String channelId, int cycleIndex, double testTimeS, Long wallTimeMs) {

        public static Evidence of(io.cellwatch.model.CycleSummary cycle) {
            return new Evidence(cycle.channelId(), cycle.cycleIndex(), cycle.endTestTimeS(), cycle.endWallTimeMs());
        }

        public static Evidence of(io.cellwatch.model.Sample sample) {
            return new Evidence(sample.channelId(), sample.cycleIndex(), sample.testTimeS(), sample.wallTimeMs());
        }

        /** The alert event of an episode, stamped with this place and time. */
        public Alert alert(
                String alertId,
                AlertKind kind,
                Severity severity,
                AlertStatus status,
                String message,
                Map<String, Double> evidence) {
            return new Alert(
                    Alert.SCHEMA_VERSION,
                    alertId,
                    channelId,
                    kind,
                    severity,
                    status,
                    cycleIndex,
                    testTimeS,
                    wallTimeMs,
                    message,
                    evidence);
        }
    }
}
