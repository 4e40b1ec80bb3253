package io.cellwatch.alerts.delivery;

import io.cellwatch.model.Alert;

/**
 * A receiver of alert events (console, Alertmanager, a webhook, a cycler pause command). The alert
 * service commits a record's offset only after every sink accepted it, so a sink that throws will
 * see the alert again.
 */
public interface AlertSink extends AutoCloseable {

    String name();

    /** Delivers one event; throws when the receiver did not accept it. */
    void deliver(Alert alert) throws Exception;

    @Override
    default void close() {
    }
}
