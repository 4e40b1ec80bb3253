package io.cellwatch.alerts.ledger;

/** The ledger could not be written (Kafka unreachable, a timeout); nothing changed in memory. */
public class LedgerWriteException extends RuntimeException {
    public LedgerWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
