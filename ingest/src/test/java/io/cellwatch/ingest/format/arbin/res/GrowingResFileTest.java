package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result file written while it is read, as MITS Pro writes it during a test: Jackcess inserts rows
 * into a {@code .res}-shaped database between polls, and every data point must arrive exactly once,
 * whole, and equal to what a read of the finished file gives.
 */
class GrowingResFileTest {
    private final ArbinResFormat format = new ArbinResFormat();

    @TempDir
    Path dir;

    @Test
    void everyDataPointArrivesOnceAndEqualToTheFinishedFile() throws Exception {
        Path file = dir.resolve("ch04.res");
        Collected live = new Collected();
        try (ResFixture cycler = ResFixture.create(file, 2, 1);
                BinaryRowSource source = format.openBinary(SourceFile.of(file))) {
            assertThat(source.readNew(live))
                    .as("a test that has logged nothing yet")
                    .isZero();
            int written = 0;
            int[] batches = {1, 7, 60, 3, 250, 1, 1, 90, 19};
            for (int batch : batches) {
                cycler.logged(written + 1, written + batch);
                written += batch;
                assertThat(source.readNew(live)).isEqualTo(batch);
                assertThat(live.last().dataPoint()).isEqualTo(written);
            }
            assertThat(source.readNew(live)).as("nothing new").isZero();
        }
        Collected whole = Collected.read(format, file);
        assertThat(whole.samples).hasSize(432);
        assertThat(live.samples).containsExactlyElementsOf(whole.samples);
        assertThat(live.errors).isEmpty();
        Sample first = whole.samples.get(0);
        assertThat(first.auxiliary()).containsOnlyKeys("V1", "V2", "T1");
        assertThat(first.temperatureC()).isEqualTo(first.auxiliary().get("T1"));
    }

    @Test
    void aDataPointWhoseAuxValuesAreNotWrittenYetWaitsForThem() throws Exception {
        Path file = dir.resolve("ch05.res");
        Collected live = new Collected();
        try (ResFixture cycler = ResFixture.create(file, 1, 2);
                BinaryRowSource source = format.openBinary(SourceFile.of(file))) {
            cycler.logged(1, 10);
            assertThat(source.readNew(live)).isEqualTo(10);

            cycler.points(11, 15); // the normal rows are in, their aux rows not yet
            assertThat(source.readNew(live))
                    .as("held until their aux values are written")
                    .isZero();

            cycler.auxValues(11, 13);
            assertThat(source.readNew(live)).isEqualTo(3);

            cycler.auxValues(14, 15);
            cycler.logged(16, 20);
            assertThat(source.readNew(live)).isEqualTo(7);
        }
        assertThat(live.samples).extracting(Sample::dataPoint).containsExactlyElementsOf(range(1, 20));
        assertThat(live.samples).allSatisfy(s -> assertThat(s.auxiliary()).containsOnlyKeys("V1", "T1", "T2"));
        assertThat(live.samples).containsExactlyElementsOf(Collected.read(format, file).samples);
    }

    @Test
    void theEndOfTheTestReleasesPointsWhoseAuxValuesNeverCame() throws Exception {
        Path file = dir.resolve("ch06.res");
        Collected live = new Collected();
        try (ResFixture cycler = ResFixture.create(file, 1, 1);
                BinaryRowSource source = format.openBinary(SourceFile.of(file))) {
            cycler.logged(1, 5);
            cycler.points(6, 6);
            assertThat(source.readNew(live)).isEqualTo(5);
            cycler.endTest(60.0);
            assertThat(source.readNew(live)).isEqualTo(1);
        }
        assertThat(live.last().dataPoint()).isEqualTo(6);
        assertThat(live.last().auxiliary()).isNull();
        assertThat(live.last().temperatureC()).isNull();
    }

    @Test
    void anInputThatStopsLoggingHoldsBackNoMoreThanTheLimitOnceSeenSoFor2s() throws Exception {
        Path file = dir.resolve("ch07.res");
        Collected live = new Collected();
        int points = DataPointReader.HOLD_LIMIT + 40;
        AtomicLong nanos = new AtomicLong();
        try (ResFixture cycler = ResFixture.create(file, 0, 1);
                BinaryRowSource source = new ResRowSource(SourceFile.of(file), FileStamp::of, nanos::get)) {
            cycler.logged(1, 3);
            cycler.points(4, 3 + points);
            assertThat(source.readNew(live))
                    .as("points seen without aux values for the first time may be a write half done")
                    .isEqualTo(3);
            nanos.addAndGet(FileSettling.SETTLED_NANOS - 1);
            assertThat(source.readNew(live)).isZero();
            nanos.addAndGet(1);
            assertThat(source.readNew(live)).isEqualTo(points - DataPointReader.HOLD_LIMIT);
        }
        assertThat(live.samples).extracting(Sample::dataPoint).containsExactlyElementsOf(range(1, 43));
    }

    @Test
    void resumingAfterADataPointSkipsWhatWasDeliveredBeforeARestart() throws Exception {
        Path file = dir.resolve("ch08.res");
        try (ResFixture cycler = ResFixture.create(file, 0, 0)) {
            cycler.points(1, 100);
        }
        Collected resumed = new Collected();
        try (BinaryRowSource source = format.openBinary(SourceFile.of(file))) {
            source.resumeAfter(57);
            assertThat(source.readNew(resumed)).isEqualTo(43);
        }
        assertThat(resumed.samples.get(0).dataPoint()).isEqualTo(58);
        assertThat(resumed.samples)
                .containsExactlyElementsOf(Collected.read(format, file).samples.subList(57, 100));
    }

    @Test
    void aSmallBudgetStopsMidTableAndARestartGoesOnAfterTheLastPointDelivered() throws Exception {
        Path file = dir.resolve("ch09.res");
        Collected live = new Collected();
        try (ResFixture cycler = ResFixture.create(file, 1, 1)) {
            cycler.logged(1, 100);
            cycler.points(101, 104); // aux values not written yet: held back
            try (BinaryRowSource first = format.openBinary(SourceFile.of(file))) {
                for (int call = 0; call < 4; call++) {
                    assertThat(first.readNew(live, 13)).isEqualTo(13);
                }
            }
            assertThat(live.last().dataPoint()).isEqualTo(52);
            try (BinaryRowSource restarted = format.openBinary(SourceFile.of(file))) {
                restarted.resumeAfter(live.last().dataPoint());
                int calls = 0;
                while (restarted.readNew(live, 13) > 0) {
                    calls++;
                }
                assertThat(calls).as("48 points, 13 a call").isEqualTo(4);
                assertThat(live.last().dataPoint())
                        .as("points whose aux values are not written yet stay held")
                        .isEqualTo(100);
                cycler.auxValues(101, 104);
                assertThat(restarted.readNew(live, 3)).isEqualTo(3);
                assertThat(restarted.readNew(live, 3)).isEqualTo(1);
            }
        }
        assertThat(live.samples).extracting(Sample::dataPoint).containsExactlyElementsOf(range(1, 104));
        assertThat(live.samples).containsExactlyElementsOf(Collected.read(format, file).samples);
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
}
