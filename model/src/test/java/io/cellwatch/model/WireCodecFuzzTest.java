package io.cellwatch.model;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes arrive on a topic, decoding either yields a valid record or throws
 * {@link InvalidRecordException} naming a field: that is what routes a bad record to the
 * dead-letter topic with a reason instead of crashing a stream thread. Runs its seed corpus in
 * every build; {@code JAZZER_FUZZ=1 mvn -pl model test -Dtest=WireCodecFuzzTest} fuzzes for real.
 */
class WireCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodingASampleNeverFailsOtherwise(byte[] bytes) {
        decode(WireCodec.SAMPLE, bytes);
        decode(WireCodec.ALERT, bytes);
        decode(WireCodec.CHANNEL_INFO, bytes);
        decode(WireCodec.CYCLE_SUMMARY, bytes);
    }

    private static void decode(WireCodec<?> codec, byte[] bytes) {
        try {
            if (codec.fromBytes(bytes) == null) {
                return; // JSON null: the serde's tombstone case
            }
        } catch (InvalidRecordException expected) {
            if (expected.field() == null || expected.field().isBlank()) {
                throw new AssertionError("an invalid record must name a field", expected);
            }
        }
    }
}
