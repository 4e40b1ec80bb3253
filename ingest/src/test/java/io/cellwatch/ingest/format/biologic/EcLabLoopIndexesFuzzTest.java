package io.cellwatch.ingest.format.biologic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EC-Lab's loop index file under any bytes: loop indexes, ascending, or an {@link IOException} naming
 * the file; nothing else escapes. Seeds: a hand-written file and the real Li‖Li export's loop file
 * when the shared data is present. {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=EcLabLoopIndexesFuzzTest}
 * fuzzes for real.
 */
class EcLabLoopIndexesFuzzTest {
    private static final Path FILE = TextFuzzing.scratchFile("fuzz_LOOP.txt");

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveLoopsOrAnErrorNamingTheFile(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        EcLabLoopIndexes loops;
        try {
            loops = EcLabLoopIndexes.read(FILE);
        } catch (IOException refused) {
            assertThat(refused.getMessage()).startsWith(FILE + ":");
            return;
        }
        assertThat(loops.loops()).isPositive();
        int previous = 0;
        for (long row = 0; row < 64; row++) {
            int loop = loops.loopOf(row);
            assertThat(loop).isBetween(previous, loops.loops() - 1);
            previous = loop;
        }
    }

    static Stream<Arguments> seeds() throws IOException {
        Stream<Arguments> handWritten = Stream.of(Arguments.of(Named.of(
                "three loops",
                "VMP EXPERIMENT LOOP INDEXES\r\n0\r\n7\r\n19\r\n".getBytes(StandardCharsets.ISO_8859_1))));
        Path real = RealData.root()
                .resolve(
                        "datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05_LOOP.txt");
        return Files.isRegularFile(real)
                ? Stream.concat(
                        handWritten, Stream.of(Arguments.of(Named.of("real Li‖Li loops", Files.readAllBytes(real)))))
                : handWritten;
    }
}
