package io.cellwatch.ingest.format.neware;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Any bytes given to the {@code .ndax} reader give records or a {@link
 * io.cellwatch.ingest.format.binary.BinaryFormatException}. The committed seeds (synthetic ndc v14
 * archives from {@link SyntheticNeware}) run in every build ({@link NewareMutationTest} runs
 * seeds written at test time, the small real files and damaged copies of them);
 * {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=NdaxFuzzTest} fuzzes for real.
 */
class NdaxFuzzTest {
    private static final Path FILE = TextFuzzing.scratchFile("fuzz.ndax");

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveRecordsOrATypedError(byte[] bytes) throws IOException {
        NewareFuzzing.check(new NdaxFormat(), FILE, bytes);
    }
}
