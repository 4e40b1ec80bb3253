package io.cellwatch.alerts.ledger;

/**
 * The ledger refused a write because the episode's partition of the alerts topic is not this
 * instance's any more: another instance took it over and fenced this one's writes for it (or this
 * instance never held it). Unlike a plain write failure, the delivery it was for must not be made:
 * the new owner delivers the event, and a delivery made here too would reach the receiver twice,
 * unmarked. Nothing changed in memory.
 */
public final class LedgerFencedException extends LedgerWriteException {
    private final int alertsPartition;

    public LedgerFencedException(String message, int alertsPartition, Throwable cause) {
        super(message, cause);
        this.alertsPartition = alertsPartition;
    }

    /** The partition of the alerts topic this instance no longer holds. */
    public int alertsPartition() {
        return alertsPartition;
    }
}
