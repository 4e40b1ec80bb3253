package io.cellwatch.streams.pipeline;

/**
 * A detector's state still in the form it was stored in, decoded when the detector first needs it.
 * A channel's state is read and rewritten for every sample, but the cycle detectors' part of it is
 * needed only when a cycle closes: left encoded, it is copied through instead of decoded and
 * re-encoded each time.
 */
public interface StoredState {

    /**
     * The state object, read from its stored form.
     *
     * @throws Unreadable when this version cannot read it
     */
    Object decode();

    /** A stored state this version cannot read (written by another version). */
    final class Unreadable extends RuntimeException {
        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
