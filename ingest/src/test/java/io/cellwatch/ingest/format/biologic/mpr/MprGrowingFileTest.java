package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code .mpr} written again the way EC-Lab writes it during a run: the top of the file with
 * a point count of 0, then records appended chunk by chunk (chunks that end inside a record, point
 * count raised before or after the bytes land), and the LOG and loop modules last, when the
 * acquisition stops. The reader polls between writes: every record arrives exactly once, equal to a
 * whole-file read, and no poll re-reads records it has already decoded. Files of every technique
 * are grown, read {@linkplain MprRowSource#anyTechnique whatever their technique}: how a growing
 * file is polled does not depend on it (the refusal of impedance files: {@code MprTechniquesTest}).
 */
class MprGrowingFileTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyRowArrivesOnceWhileTheFileGrows() {
        return RealMprFiles.all().stream()
                .map(mpr -> DynamicTest.dynamicTest(RealMprFiles.relative(mpr), () -> grow(mpr)));
    }

    private void grow(Path original) throws IOException {
        byte[] bytes = Files.readAllBytes(original);
        MprColumns parsed = MprColumns.read(original);
        MprStructure structure = parsed.structure();
        int recordsStart = (int) structure.recordsStart();
        int recordBytes = structure.layout().recordBytes();
        int points = parsed.rows().size();
        int recordsEnd = recordsStart + points * recordBytes;
        int countAt = (int) structure.data().dataOffset();

        Collected whole = new Collected();
        EcLabMprFormat.readAnyTechnique(SourceFile.of(original), whole);

        Path growing = dir.resolve(original.getFileName());
        byte[] top = java.util.Arrays.copyOf(bytes, recordsStart);
        ByteBuffer.wrap(top).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, 0);
        Files.write(growing, top);

        Collected live = new Collected();
        Random random = new Random(original.getFileName().toString().hashCode());
        int polls = 0;
        try (MprRowSource rows = MprRowSource.anyTechnique(SourceFile.of(growing));
                FileChannel writer = FileChannel.open(growing, StandardOpenOption.WRITE)) {
            assertThat(rows.readNew(live)).isZero();
            polls++;
            int written = recordsStart;
            int maxChunk = Math.max(recordBytes, (recordsEnd - recordsStart) / 12);
            while (written < recordsEnd) {
                int chunk = Math.min(recordsEnd - written, 1 + random.nextInt(maxChunk));
                boolean countFirst = random.nextBoolean();
                int countAfter = (written + chunk - recordsStart) / recordBytes;
                if (countFirst) {
                    setCount(writer, countAt, countAfter);
                    polls += poll(rows, live);
                }
                writer.write(ByteBuffer.wrap(bytes, written, chunk), written);
                written += chunk;
                polls += poll(rows, live);
                if (!countFirst) {
                    setCount(writer, countAt, countAfter);
                    polls += poll(rows, live);
                }
            }
            assertThat(live.samples).hasSize(points);
            writer.write(ByteBuffer.wrap(bytes, recordsEnd, bytes.length - recordsEnd), recordsEnd);
            assertThat(rows.readNew(live))
                    .as("rows once the modules after the data arrive")
                    .isZero();
            polls++;
            rows.requireComplete();
            // The records once, the top once, and a few header bytes per poll: never the file again.
            assertThat(rows.bytesRead()).isLessThanOrEqualTo((long) bytes.length + 64L * polls);
        }
        assertThat(live.errors).isEmpty();
        assertThat(live.samples).hasSize(whole.samples.size());
        for (int i = 0; i < points; i++) {
            Sample expected = whole.samples.get(i);
            Sample got = live.samples.get(i);
            assertThat(got.wallTimeMs())
                    .as("no start time before EC-Lab writes the LOG")
                    .isNull();
            assertThat(got)
                    .usingRecursiveComparison()
                    .ignoringFields("wallTimeMs")
                    .isEqualTo(expected);
        }
    }

    @TestFactory
    Stream<DynamicTest> aResumedReaderDeliversExactlyTheRowsAfterItsPosition() {
        return RealMprFiles.all().stream()
                .map(mpr -> DynamicTest.dynamicTest(RealMprFiles.relative(mpr), () -> {
                    Collected whole = new Collected();
                    EcLabMprFormat.readAnyTechnique(SourceFile.of(mpr), whole);
                    long resumeAfter = whole.samples.size() / 2;
                    Collected resumed = new Collected();
                    try (MprRowSource rows = MprRowSource.anyTechnique(SourceFile.of(mpr))) {
                        rows.resumeAfter(resumeAfter);
                        rows.readNew(resumed);
                    }
                    // Equal, counters included: the skipped records still ran through the running counters.
                    assertThat(resumed.samples)
                            .isEqualTo(whole.samples.subList((int) resumeAfter, whole.samples.size()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> aSmallBudgetAndARestartMidFileDeliverEveryRowOnce() {
        return RealMprFiles.all().stream()
                .map(mpr -> DynamicTest.dynamicTest(RealMprFiles.relative(mpr), () -> {
                    Collected whole = new Collected();
                    EcLabMprFormat.readAnyTechnique(SourceFile.of(mpr), whole);
                    int budget = Math.max(1, whole.samples.size() / 9); // not a multiple of the read chunk
                    Collected live = new Collected();
                    try (MprRowSource first = MprRowSource.anyTechnique(SourceFile.of(mpr))) {
                        for (int call = 0; call < 3; call++) {
                            int before = live.samples.size() + live.errors.size();
                            first.readNew(live, budget);
                            assertThat(live.samples.size() + live.errors.size() - before)
                                    .isLessThanOrEqualTo(budget);
                        }
                    }
                    long lastDelivered =
                            live.samples.isEmpty() ? 0 : live.last().dataPoint();
                    try (MprRowSource restarted = MprRowSource.anyTechnique(SourceFile.of(mpr))) {
                        restarted.resumeAfter(lastDelivered);
                        while (restarted.readNew(live, budget) > 0) {
                            // on until the file has nothing more
                        }
                    }
                    assertThat(live.samples).isEqualTo(whole.samples);
                    assertThat(live.errors).hasSameSizeAs(whole.errors);
                }));
    }

    private static int poll(MprRowSource rows, Collected live) throws IOException {
        rows.readNew(live);
        List<Sample> samples = live.samples;
        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i).dataPoint()).as("data point of row %d", i).isEqualTo(i + 1L);
        }
        return 1;
    }

    private static void setCount(FileChannel writer, int at, int count) throws IOException {
        writer.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, count), at);
    }
}
