package io.cellwatch.ingest.format.biologic.mpr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fuzz property on the small real files present, mutated at test time (they are never copied into
 * the repository): cut around every header field and at random points, bytes flipped, size fields
 * overwritten with extreme values. Deterministic, so a failure reproduces.
 */
class MprMutationTest {
    private static final int FILES = 3;
    private static final int FLIPS = 120;
    private static final int RANDOM_CUTS = 40;

    @TestFactory
    Stream<DynamicTest> mutatedRealFilesGiveRowsOrABinaryFormatException() {
        return RealMprFiles.all().stream()
                .filter(p -> RealMprFiles.size(p) < 40_000)
                .limit(FILES)
                .map(mpr -> DynamicTest.dynamicTest(RealMprFiles.relative(mpr), () -> mutate(mpr)));
    }

    /** Offsets of every module's length and version fields, the point count and the column count. */
    private static int[] sizeFields(byte[] file, int dataStart) {
        Stream.Builder<Integer> fields = Stream.builder();
        for (int p = 0; p + 57 <= file.length; p++) {
            if (file[p] == 'M' && new String(file, p, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("MODULE")) {
                for (int field = 41; field <= 57 && p + field + 4 <= file.length; field += 4) {
                    fields.add(p + field);
                }
            }
        }
        fields.add(dataStart).add(dataStart + 1).add(dataStart + 4);
        return fields.build().mapToInt(Integer::intValue).toArray();
    }

    private static void mutate(Path mpr) throws IOException {
        byte[] original = Files.readAllBytes(mpr);
        int dataStart = (int) MprColumns.read(mpr).structure().data().dataOffset();
        Random random = new Random(mpr.getFileName().toString().hashCode());
        for (int field : sizeFields(original, dataStart)) {
            for (int cut = field - 2; cut <= field + 5; cut++) { // cuts around every header field
                MprFuzzTarget.check(Arrays.copyOf(original, Math.max(0, Math.min(cut, original.length))));
            }
        }
        for (int i = 0; i < RANDOM_CUTS; i++) {
            MprFuzzTarget.check(Arrays.copyOf(original, random.nextInt(original.length + 1)));
        }
        for (int i = 0; i < FLIPS; i++) {
            byte[] bytes = original.clone();
            int at = i % 2 == 0
                    ? random.nextInt(Math.min(bytes.length, dataStart + 1100))
                    : random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
            MprFuzzTarget.check(bytes);
        }
        int[] extremes = {0, 1, -1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFF0};
        for (int at : sizeFields(original, dataStart)) {
            for (int value : extremes) {
                byte[] bytes = original.clone();
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
                MprFuzzTarget.check(bytes);
            }
        }
    }
}
