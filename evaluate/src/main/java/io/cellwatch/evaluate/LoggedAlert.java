package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;

/**
 * An alert event as an evaluation saw it: the event, which cell of the channel it came from
 * (0, or 1 for a new cell on a reused channel), the moment of its evidence ({@code channelS}: the
 * row it names) and the moment the live topology would have sent it ({@code sentS}: the row that
 * made the pipeline raise it, which for an alert on a closed cycle is the next cycle's first row),
 * both in channel seconds (monotonic across cells, the clock the ground truth uses). Whether an
 * alert is about the fault is told by its evidence; how soon the lab learnt of it, by when it was
 * sent.
 */
public record LoggedAlert(Alert alert, int segment, double channelS, double sentS) {

    /** An alert sent at the moment of its evidence. */
    public LoggedAlert(Alert alert, int segment, double channelS) {
        this(alert, segment, channelS, channelS);
    }

    public double channelHours() {
        return channelS / 3600;
    }

    /** When it was sent, in channel hours. */
    public double sentHours() {
        return sentS / 3600;
    }
}
