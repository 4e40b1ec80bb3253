package io.cellwatch.model;

import java.nio.charset.StandardCharsets;

/**
 * The test on a channel is over (finished, aborted, the cell taken off): a record on the samples
 * topic keyed by the channel, with no value and this header, whose value is the operator's reason
 * (UTF-8). {@code cellwatch end-test} writes it.
 *
 * <p>Why on the samples topic: it then reaches the channel's pipeline in the channel's own order,
 * after every sample written before it, so the test's open cycle and firing alerts end where its
 * data ended, and a replay of the topic ends them at the same place. A record with no value and
 * without this header is not an end (a stray tombstone is ignored, as before).
 */
public final class TestEndedHeader {
    public static final String NAME = "cellwatch.test-ended";

    private TestEndedHeader() {}

    public static byte[] encode(String reason) {
        return shortened(reason).getBytes(StandardCharsets.UTF_8);
    }

    /** The reason the header carries, on one line ("no reason given" when empty). */
    public static String decode(byte[] value) {
        return shortened(value == null ? "" : new String(value, StandardCharsets.UTF_8));
    }

    private static String shortened(String reason) {
        String r = reason == null ? "" : reason.replaceAll("\\p{Cntrl}", " ").strip();
        return r.isEmpty() ? "no reason given" : r;
    }
}
