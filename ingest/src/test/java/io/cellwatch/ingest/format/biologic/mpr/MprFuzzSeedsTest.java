package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed fuzz seeds are the synthetic files {@link MprFuzzSeeds} writes, and each reads cleanly. */
class MprFuzzSeedsTest {
    private static final String DIR = "MprFuzzTestInputs/anyBytesGiveRowsOrABinaryFormatException/";

    @Test
    void committedSeedsAreTheGeneratedOnes() throws IOException {
        for (Map.Entry<String, byte[]> seed : MprFuzzSeeds.seeds().entrySet()) {
            try (InputStream in = MprFuzzSeedsTest.class.getResourceAsStream(DIR + seed.getKey())) {
                assertThat(in)
                        .as("seed %s (run MprFuzzSeeds to regenerate)", seed.getKey())
                        .isNotNull();
                assertThat(in.readAllBytes()).as(seed.getKey()).isEqualTo(seed.getValue());
            }
            MprFuzzTarget.check(seed.getValue());
        }
    }
}
