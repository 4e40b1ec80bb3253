package io.cellwatch.alerts.lifecycle;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;

/**
 * One alert event to deliver, with the episode it belongs to: what a receiver needs to say it
 * well (when the episode started, which severities it had fired at so far).
 *
 * @param alert     the event as the detector emitted it
 * @param episode   the episode it belongs to (possibly already further along, when a receiver is behind)
 * @param partition partition of the alerts topic
 * @param offset    offset of the event in that partition
 * @param history   read by a consumer group new to the alerts topic, from before it started, and long
 *                  past: the topic's retained history, not news (no pause request is written for it)
 */
public record EpisodeEvent(Alert alert, Episode episode, int partition, long offset, boolean history) {

    /** An event read as it came, not as history. */
    public EpisodeEvent(Alert alert, Episode episode, int partition, long offset) {
        this(alert, episode, partition, offset, false);
    }

    public boolean firing() {
        return alert.status() == AlertStatus.FIRING;
    }

    public Instant startsAt() {
        return Instant.ofEpochMilli(episode.startsAtMs());
    }

    /** For a resolution: when it ended, never before it started. */
    public Instant endsAt() {
        long ends = episode.endsAtMs() != null ? episode.endsAtMs() : episode.startsAtMs();
        return Instant.ofEpochMilli(Math.max(ends, episode.startsAtMs()));
    }

    /** The severities the episode had fired at when this event was emitted. */
    public Set<Severity> severitiesFiredSoFar() {
        return episode.severitiesFiredAsOf(offset);
    }

    /**
     * A stable id of this event for receivers to deduplicate on: the episode, what changed (firing at a
     * severity, or resolved) and the test time of its evidence, {@code ALERT_ID@firing/SEVERITY@t=SECONDSs}
     * (the cycle, {@code @cycle=N}, where the time is unknown). The time tells apart the events that
     * change neither status nor severity (new evidence, such as a short's resistance read after its
     * alert, or an episode firing again after it resolved), which a receiver dropping repeated ids
     * must keep; it is the event's own, so the id does not depend on what the service remembers of
     * the episode. Re-sent after a crash, it is the same id.
     */
    public String eventId() {
        String what = firing() ? "firing/" + alert.severity().wireName() : "resolved";
        String when = Double.isFinite(alert.testTimeS())
                ? "t="
                        + BigDecimal.valueOf(alert.testTimeS())
                                .setScale(3, RoundingMode.HALF_UP)
                                .stripTrailingZeros()
                                .toPlainString()
                        + "s"
                : "cycle=" + alert.cycleIndex();
        return alert.alertId() + "@" + what + "@" + when;
    }
}
