package io.cellwatch.ingest.format.biologic.mpr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.BinaryFuzzSeeds;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes → rows or a {@link io.cellwatch.ingest.format.binary.BinaryFormatException}. The seed
 * corpus ({@code MprFuzzTestInputs/}, tiny synthetic files written by {@link MprFuzzSeeds}) replays in
 * every build, and so do the real files' first 64 KiB ({@link #realSeeds});
 * {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=MprFuzzTest} fuzzes for real.
 * {@link MprMutationTest} replays mutations of the real files present.
 */
class MprFuzzTest {

    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "60s")
    void anyBytesGiveRowsOrABinaryFormatException(byte[] bytes) throws IOException {
        MprFuzzTarget.check(bytes);
    }

    /** The real {@code .mpr} files' seeds ({@link BinaryFuzzSeeds}), besides the committed corpus. */
    static Stream<Arguments> realSeeds() {
        return BinaryFuzzSeeds.real(".mpr");
    }
}
