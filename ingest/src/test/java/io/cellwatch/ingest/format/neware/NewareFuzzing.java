package io.cellwatch.ingest.format.neware;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The property both Neware fuzz tests hold a reader to: whatever the bytes, reading gives records
 * (numbers strictly increasing) or a {@link BinaryFormatException} naming the file; nothing else
 * escapes. Also read as a growing file, whose second call finds nothing new.
 */
final class NewareFuzzing {
    private NewareFuzzing() {}

    static void check(BinaryCyclerFormat format, Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        Collected whole = new Collected();
        try {
            format.read(SourceFile.of(file), whole);
        } catch (BinaryFormatException expected) {
            assertThat(expected).hasMessageContaining(file.toString());
        }
        long last = Long.MIN_VALUE;
        for (Sample s : whole.samples) {
            assertThat(s.dataPoint()).isGreaterThan(last);
            last = s.dataPoint();
        }
        Collected growing = new Collected();
        try (BinaryRowSource rows = format.openBinary(SourceFile.of(file))) {
            rows.readNew(growing);
            assertThat(rows.readNew(growing))
                    .as("a second call on an unchanged file")
                    .isZero();
        } catch (BinaryFormatException expected) {
            assertThat(expected).hasMessageContaining(file.toString());
        }
    }

    /** The seeds without repeats (the shared data holds some files twice). */
    static List<byte[]> distinct(List<byte[]> seeds) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] seed : seeds) {
            if (out.stream().noneMatch(s -> Arrays.equals(s, seed))) {
                out.add(seed);
            }
        }
        return out;
    }

    /** Seeds cut short at many places and with bytes overwritten, the same ones in every build. */
    static List<byte[]> mutations(byte[] seed, long randomSeed) {
        Random random = new Random(randomSeed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(Arrays.copyOf(seed, random.nextInt(seed.length + 1)));
        }
        for (int i = 0; i < 28; i++) {
            byte[] m = seed.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips && m.length > 0; f++) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            out.add(m);
        }
        return out;
    }
}
