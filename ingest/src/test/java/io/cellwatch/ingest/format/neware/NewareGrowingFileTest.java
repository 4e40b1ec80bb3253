package io.cellwatch.ingest.format.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import io.cellwatch.ingest.format.neware.nda.NdaRowSource;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that grow while they are read, as BTS writes them: an {@code .nda} appended to in chunks
 * that split records anywhere hands over every record exactly once, equal to a whole-file read; an
 * {@code .ndax} is "try again later" until its archive is complete, and a later, longer export of
 * it hands over only the new records.
 */
class NewareGrowingFileTest {
    @TempDir
    static Path scratch;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> growingNdaDeliversEveryRecordOnceAndEqualToAWholeRead() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(growing("synthetic v29", write("synthetic-v29.nda", SyntheticNeware.nda29(400))));
        tests.add(growing("synthetic BTS 9.1", write("synthetic-bts91.nda", SyntheticNeware.bts91(400))));
        for (RealNewareFiles.Case c : RealNewareFiles.all()) {
            String name = c.input().getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".nda") || name.endsWith(".nda.zip")) {
                tests.add(DynamicTest.dynamicTest(
                        c.name(),
                        () -> growing(c.name(), c.materialise(scratch))
                                .getExecutable()
                                .execute()));
            }
        }
        return tests.stream();
    }

    private DynamicTest growing(String name, Path whole) {
        return DynamicTest.dynamicTest(name, () -> {
            byte[] bytes = Files.readAllBytes(whole);
            Path folder = Files.createTempDirectory(scratch, "grow");
            Path file = folder.resolve(whole.getFileName());
            Files.write(file, new byte[0]);
            NewareRead collected = new NewareRead();
            NdaRowSource rows = new NdaFormat().openBinary(SourceFile.of(file));
            // Around 200 appends per file, of uneven sizes, so records are split at every kind of place.
            int base = Math.max(97, bytes.length / 200);
            int written = 0;
            int appends = 0;
            for (int i = 0; written < bytes.length; i++, appends++) {
                int chunk = Math.min(bytes.length - written, base / 2 + (i * 7919) % base);
                Files.write(file, Arrays.copyOfRange(bytes, written, written + chunk), StandardOpenOption.APPEND);
                written += chunk;
                try {
                    rows.readNew(collected);
                } catch (BinaryFileIncompleteException e) {
                    assertThat(collected.samples)
                            .as("incomplete only before the first record: " + e)
                            .isEmpty();
                }
            }
            rows.finish(collected);
            NewareRead read = NewareRead.of(whole);
            System.out.printf(Locale.ROOT, "%s: %d records in %d appends%n", name, read.samples.size(), appends);
            assertThat(read.samples).isNotEmpty();
            assertThat(collected.errors).isEmpty();
            assertThat(collected.samples).hasSameSizeAs(read.samples);
            assertThat(collected.samples).isEqualTo(read.samples);
        });
    }

    @Test
    void aFollowerResumingAfterARecordGetsOnlyTheLaterOnes() throws IOException {
        Path file = write("resume.nda", SyntheticNeware.nda29(40));
        NewareRead collected = new NewareRead();
        try (BinaryRowSource rows = new NdaFormat().openBinary(SourceFile.of(file))) {
            rows.resumeAfter(25);
            rows.readNew(collected);
        }
        // The last record waits for auxiliary readings that could still follow it in a live file.
        assertThat(collected.samples).extracting(Sample::dataPoint).first().isEqualTo(26L);
        assertThat(collected.samples).extracting(Sample::dataPoint).doesNotContain(25L);
    }

    @Test
    void ndaxIsTryAgainLaterUntilWholeThenOnlyNewRecordsOfALaterExport() throws IOException {
        byte[] first = SyntheticNeware.ndax14(10, 3);
        Path file = dir.resolve("ch07.ndax");
        Files.write(file, new byte[0]);
        BinaryRowSource rows = new NdaxFormat().openBinary(SourceFile.of(file));
        NewareRead collected = new NewareRead();
        for (int length = 0; length < first.length; length += 211) {
            Files.write(file, Arrays.copyOf(first, length));
            assertThatThrownBy(() -> rows.readNew(collected)).isInstanceOf(BinaryFileIncompleteException.class);
        }
        Files.write(file, first);
        assertThat(rows.readNew(collected)).isEqualTo(10);
        assertThat(rows.readNew(collected)).as("unchanged file").isZero();

        byte[] later = SyntheticNeware.ndax14(20, 3);
        Files.write(file, later);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(rows.readNew(collected)).isEqualTo(10);
        Path wholeLater =
                Files.write(Files.createDirectories(dir.resolve("later")).resolve("ch07.ndax"), later);
        // Records 1-5 are in step 1 in the first export, but the later export's steps split at 10:
        // what was delivered stays delivered, and the new records are the later export's.
        assertThat(collected.samples.subList(10, 20))
                .isEqualTo(NewareRead.of(wholeLater).samples.subList(10, 20));
        assertThat(collected.samples).extracting(Sample::dataPoint).doesNotHaveDuplicates();
    }

    @TestFactory
    Stream<DynamicTest> realNdaxGrowingIsIncompleteUntilWhole() {
        return RealNewareFiles.all().stream()
                .filter(c -> c.input().getFileName().toString().endsWith(".ndax"))
                .filter(c -> size(c.input()) < 64 * 1024) // a few small ones: each prefix is read again
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    byte[] bytes = Files.readAllBytes(c.input());
                    Path file = Files.createTempDirectory(scratch, "ndax")
                            .resolve(c.input().getFileName());
                    BinaryRowSource rows = new NdaxFormat().openBinary(SourceFile.of(file));
                    NewareRead collected = new NewareRead();
                    for (int length = 0; length < bytes.length; length += 397) {
                        Files.write(file, Arrays.copyOf(bytes, length));
                        assertThatThrownBy(() -> rows.readNew(collected))
                                .isInstanceOf(BinaryFileIncompleteException.class);
                    }
                    Files.write(file, bytes);
                    rows.readNew(collected);
                    assertThat(collected.samples).isEqualTo(NewareRead.of(c.input()).samples);
                }));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(Files.createDirectories(dir.resolve("whole")).resolve(name), bytes);
    }
}
