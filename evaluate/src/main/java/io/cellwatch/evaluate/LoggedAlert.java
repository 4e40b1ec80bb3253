package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;

/**
 * An alert event as an evaluation saw it: the event, which cell of the channel it came from
 * (0, or 1 for a new cell on a reused channel) and when, in channel seconds (monotonic across cells,
 * the clock the ground truth uses).
 */
public record LoggedAlert(Alert alert, int segment, double channelS) {

    public double channelHours() {
        return channelS / 3600;
    }
}
