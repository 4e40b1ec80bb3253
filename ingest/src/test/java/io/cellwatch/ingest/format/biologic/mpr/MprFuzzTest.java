package io.cellwatch.ingest.format.biologic.mpr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Any bytes → rows or a {@link io.cellwatch.ingest.format.binary.BinaryFormatException}. The seed
 * corpus ({@code MprFuzzTestInputs/}, tiny synthetic files written by {@link MprFuzzSeeds}) replays in
 * every build; {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=MprFuzzTest} fuzzes for real.
 * {@link MprMutationTest} replays mutations of the real files present.
 */
class MprFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesGiveRowsOrABinaryFormatException(byte[] bytes) throws IOException {
        MprFuzzTarget.check(bytes);
    }
}
