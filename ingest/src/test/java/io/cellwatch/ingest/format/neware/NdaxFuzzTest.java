package io.cellwatch.ingest.format.neware;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.BinaryFuzzSeeds;
import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes given to the {@code .ndax} reader give records or a {@link
 * io.cellwatch.ingest.format.binary.BinaryFormatException}. The committed seeds (synthetic ndc v14
 * archives from {@link SyntheticNeware}) run in every build ({@link NewareMutationTest} runs
 * seeds written at test time, the small real files and damaged copies of them), and so do the real
 * files' first 64 KiB ({@link #realSeeds});
 * {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=NdaxFuzzTest} fuzzes for real.
 */
class NdaxFuzzTest {
    private static final Path FILE = TextFuzzing.scratchFile("fuzz.ndax");

    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveRecordsOrATypedError(byte[] bytes) throws IOException {
        NewareFuzzing.check(new NdaxFormat(), FILE, bytes);
    }

    /** The real {@code .ndax} files' seeds ({@link BinaryFuzzSeeds}), besides the committed corpus. */
    static Stream<Arguments> realSeeds() {
        return BinaryFuzzSeeds.real(".ndax");
    }
}
