package io.cellwatch.alerts.dispatch;

/**
 * What the dispatcher tells about deliveries as they happen, per receiver name; queue depths and
 * ages are read from the {@link ReceiverQueue}s themselves. Kept free of any metrics library, so the
 * dispatcher stays plain Java.
 */
public interface DeliveryMetrics {
    DeliveryMetrics NONE = new DeliveryMetrics() {};

    /** The receiver accepted an event. */
    default void accepted(String receiver) {}

    /** The receiver refused an event (or could not be reached); it will be tried again. */
    default void failed(String receiver) {}

    /**
     * The receiver refused an event for good past the retry policy's {@code giveUpAfter} (or again, after it
     * gave one up): the event is done with for that receiver, and stays in the alerts topic.
     */
    default void gaveUp(String receiver) {}

    /** An event is tried again after a failure. */
    default void retried(String receiver) {}

    /**
     * An event whose delivery a previous process (or the partition's previous owner) began and did
     * not record as accepted is sent again, marked as a redelivery: the receiver may now have it twice.
     */
    default void redelivered(String receiver) {}

    /** Firing episodes were re-sent to the receiver; {@code ok} whether it accepted them. */
    default void resent(String receiver, boolean ok) {}
}
