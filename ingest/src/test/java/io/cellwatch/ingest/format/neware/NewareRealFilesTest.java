package io.cellwatch.ingest.format.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Neware file of the shared real data, with or without a reference, is recognised by its
 * bytes and read without an unreadable record, record numbers strictly increasing. For the
 * {@code .ndax} files, the number of samples equals the record counts the {@code data.ndc} pages
 * state in their headers (bytes 2–3, a field the reader does not use: it reads the validity bitmask).
 * cellpy's {@code 20260302_IFE_BTS85_2_9_8_1.ndax} has the 252,951 records cellpy's test expects.
 */
class NewareRealFilesTest {
    private static final String CELLPY_FILE = "20260302_IFE_BTS85_2_9_8_1.ndax";

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> everyNewareFileReads() {
        List<RealNewareFiles.Case> cases = RealNewareFiles.all();
        if (cases.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest(
                    "no Neware files",
                    () -> assumeTrue(false, "no Neware files under " + RealNewareFiles.binaryRoot())));
        }
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Path file = c.materialise(scratch);
                    boolean archive = file.getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .endsWith(".ndax");
                    assertThat(CyclerFormats.detect(file).name()).isEqualTo(archive ? NdaxFormat.NAME : NdaFormat.NAME);
                    NewareRead read = NewareRead.of(file);
                    assertThat(read.errors).isEmpty();
                    long last = Long.MIN_VALUE;
                    for (Sample s : read.samples) {
                        assertThat(s.dataPoint()).isGreaterThan(last);
                        last = s.dataPoint();
                    }
                    if (archive) {
                        long stated = statedRecords(file);
                        if (stated >= 0) {
                            assertThat(read.samples).hasSize((int) stated);
                        }
                    }
                    if (file.getFileName().toString().equals(CELLPY_FILE)) {
                        assertThat(read.samples).hasSize(252_951);
                        assertThat(read.samples.get(0).auxiliary()).containsOnlyKeys("V1", "T1", "aux1_type1122");
                    }
                    System.out.printf(Locale.ROOT, "%s: %d records%n", c.name(), read.samples.size());
                }));
    }

    /** The sum of the record counts in data.ndc's page headers (ndc v11+), or -1 for older tables. */
    private static long statedRecords(Path ndax) throws IOException {
        try (ZipFile zip = new ZipFile(ndax.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("data.ndc"))) {
            byte[] header = in.readNBytes(4096);
            if ((header[2] & 0xFF) < 11) {
                return -1;
            }
            long records = 0;
            for (byte[] page = in.readNBytes(4096); page.length == 4096; page = in.readNBytes(4096)) {
                records += ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).getShort(2) & 0xFFFF;
            }
            return records;
        }
    }
}
