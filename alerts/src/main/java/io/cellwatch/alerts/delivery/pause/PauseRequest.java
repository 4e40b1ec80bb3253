package io.cellwatch.alerts.delivery.pause;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Severity;

/**
 * A request to a cycler bridge to pause one channel, written to the commands topic keyed by
 * channel. cellwatch never resumes a channel: a person looks at the cell first.
 *
 * @param schemaVersion wire schema version (1)
 * @param commandId     stable id ({@code ALERT_ID/pause}): a bridge executes each id once
 * @param action        always {@code pause}
 * @param channelId     the channel to pause
 * @param alertId       the alert episode that asked for it
 * @param kind          what was detected
 * @param severity      the severity that crossed the configured threshold
 * @param cycleIndex    the cycle of the evidence
 * @param reason        the detector's message
 * @param requestedAtMs when cellwatch asked (epoch ms)
 * @param redelivery    true on a write made again after an earlier one failed in the same alert
 *                      service (the ledger's transaction aborted): invisible to a bridge reading with
 *                      read_committed, which sees each request once; a read_uncommitted reader may have
 *                      seen the aborted one (absent otherwise)
 */
public record PauseRequest(
        int schemaVersion,
        String commandId,
        String action,
        String channelId,
        String alertId,
        AlertKind kind,
        Severity severity,
        int cycleIndex,
        String reason,
        long requestedAtMs,
        Boolean redelivery) {

    public static final int SCHEMA_VERSION = 1;
    public static final String PAUSE = "pause";
}
