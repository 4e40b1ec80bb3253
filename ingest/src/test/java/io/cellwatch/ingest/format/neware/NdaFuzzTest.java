package io.cellwatch.ingest.format.neware;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.BinaryFuzzSeeds;
import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes given to the {@code .nda} reader give records or a {@link
 * io.cellwatch.ingest.format.binary.BinaryFormatException}. The committed seeds (synthetic v29
 * and BTS 9.1 files from {@link SyntheticNeware}) run in every build ({@link NewareMutationTest}
 * runs seeds written at test time, the small real files and damaged copies of them), and so do the real
 * files' first 64 KiB ({@link #realSeeds});
 * {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=NdaFuzzTest} fuzzes for real.
 */
class NdaFuzzTest {
    private static final Path FILE = TextFuzzing.scratchFile("fuzz.nda");

    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveRecordsOrATypedError(byte[] bytes) throws IOException {
        NewareFuzzing.check(new NdaFormat(), FILE, bytes);
    }

    /** The real {@code .nda} files' seeds ({@link BinaryFuzzSeeds}), besides the committed corpus. */
    static Stream<Arguments> realSeeds() {
        return BinaryFuzzSeeds.real(".nda");
    }
}
