package io.cellwatch.ingest.format.arbin.res;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.BinaryFuzzSeeds;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever bytes a {@code .res} holds, the reader gives rows or a {@link BinaryFormatException}
 * naming the file: Jackcess meets corrupt pages with all sorts of runtime exceptions, and none may
 * escape, because one damaged result file must not stop a follower watching hundreds of channels.
 *
 * <p>Runs its seed corpus in every build ({@code ArbinResFuzzTestInputs/}: a three-point result file
 * written by {@link ResFixture#createCompact} with one aux voltage and one thermocouple, its first
 * page, its signature) and the real files' first 64 KiB ({@link #realSeeds}); {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=ArbinResFuzzTest} fuzzes for real.
 */
class ArbinResFuzzTest {
    private static final ArbinResFormat FORMAT = new ArbinResFormat();
    private static final Path FILE = temporaryFile();

    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "60s")
    void anyBytesGiveRowsOrATypedError(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        try (BinaryRowSource source = FORMAT.openBinary(SourceFile.of(FILE))) {
            source.readNew(new CheckingSink());
        } catch (BinaryFormatException expected) {
            if (!expected.getMessage().contains(FILE.toString())) {
                throw new AssertionError("the error must name the file", expected);
            }
        }
    }

    /** Samples are built by the wire record's own checks; anything that reaches the sink passed them. */
    private static final class CheckingSink implements RecordSink {
        @Override
        public void channel(ChannelInfo info) {}

        @Override
        public void sample(Sample sample) {
            if (sample.dataPoint() < Integer.MIN_VALUE || sample.dataPoint() > Integer.MAX_VALUE) {
                throw new AssertionError("Data_Point is a 32-bit column: " + sample.dataPoint());
            }
        }

        @Override
        public void malformed(MalformedRowException error) {
            if (error.field() == null || error.field().isBlank()) {
                throw new AssertionError("a malformed row must name its field", error);
            }
        }
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("cellwatch-fuzz-", ".res");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real {@code .res} files' seeds ({@link BinaryFuzzSeeds}), besides the committed corpus. */
    static Stream<Arguments> realSeeds() {
        return BinaryFuzzSeeds.real(".res");
    }
}
