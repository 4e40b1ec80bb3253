package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.model.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read that meets damage while the cycler is writing the file is a table caught mid-write, retried
 * on the next poll; the same damage in a file nobody writes is an error. And a reader polling while a
 * writer inserts rows on another thread still gets each data point once, whole.
 */
@Timeout(180)
class ResFileCaughtMidWriteTest {
    @TempDir
    Path dir;

    @Test
    void damageWhileTheFileChangesIsRetriedNextPollNotReported() throws Exception {
        Path intact = dir.resolve("intact.res");
        try (ResFixture cycler = ResFixture.create(intact, 0, 1)) {
            cycler.logged(1, 400);
        }
        byte[] bytes = Files.readAllBytes(intact);
        Path cut = Files.write(dir.resolve("being-written.res"), Arrays.copyOf(bytes, bytes.length * 3 / 4));
        SourceFile source = SourceFile.of(cut);

        assertThatThrownBy(() -> new ResRowSource(source).readNew(new Collected()))
                .as("a file that did not change while read is damaged")
                .isInstanceOf(BinaryFormatException.class);

        AtomicLong writes = new AtomicLong();
        ResRowSource polled = new ResRowSource(source, file -> new FileStamp(writes.incrementAndGet(), 0));
        Collected firstPoll = new Collected();
        polled.readNew(firstPoll); // no exception: the writer was busy

        Files.write(cut, bytes); // the writer finished its pages
        Collected secondPoll = new Collected();
        polled.readNew(secondPoll);
        assertThat(firstPoll.samples.size() + secondPoll.samples.size()).isEqualTo(400);
        assertThat(secondPoll.samples.get(0).dataPoint())
                .isEqualTo(firstPoll.samples.isEmpty() ? 1 : firstPoll.last().dataPoint() + 1);
    }

    /**
     * What a read that the cycler wrote into can see: Jackcess reads pages as it needs them, so one page
     * may be as it was before a write and the rest as after (or the writer may be paused between the page
     * writes of one insert). Each such view (the file after a write with one of the pages the write
     * changed as it was before) can show hundreds of data points without their auxiliary values, which
     * the file holds; seen so for the first time, none may be delivered bare, and the next poll, once the
     * write is complete, delivers the rest, each once, whole. (The concurrent test below met such views
     * under load and delivered up to more than {@link DataPointReader#HOLD_LIMIT} points without aux values.)
     */
    @Test
    void aViewMixingPagesFromBeforeAndAfterAWriteDeliversNoPointWithoutItsAuxValues() throws Exception {
        Path file = dir.resolve("ch11.res");
        int before = 300;
        int after = 600;
        byte[] old;
        byte[] now;
        try (ResFixture cycler = ResFixture.create(file, 2, 2)) {
            cycler.logged(1, before);
            old = Files.readAllBytes(file);
            for (int p = before + 1; p <= after; p += 10) {
                cycler.points(p, p + 9);
                cycler.auxValues(p, p + 9);
            }
            now = Files.readAllBytes(file);
        }
        int page = 4096;
        int views = 0;
        for (int at = 0; at + page <= old.length; at += page) {
            if (Arrays.equals(old, at, at + page, now, at, at + page)) {
                continue;
            }
            byte[] mixed = now.clone();
            System.arraycopy(old, at, mixed, at, page);
            Path caught = Files.write(dir.resolve("caught-" + at / page + ".res"), mixed);
            AtomicLong writes = new AtomicLong();
            ResRowSource polled =
                    new ResRowSource(SourceFile.of(caught), f -> new FileStamp(writes.incrementAndGet(), 0));
            Collected duringTheWrite = new Collected();
            try {
                polled.readNew(duringTheWrite);
            } catch (BinaryFormatException e) {
                // a view Jackcess refuses is retried on the next poll: nothing to check here
            }
            Files.write(caught, now);
            Collected afterIt = new Collected();
            polled.readNew(afterIt);

            List<Sample> all = new ArrayList<>(duringTheWrite.samples);
            all.addAll(afterIt.samples);
            assertThat(all)
                    .as("page %d as before the write", at / page)
                    .extracting(Sample::dataPoint)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, after).boxed().toList());
            assertThat(all)
                    .as("page %d as before the write", at / page)
                    .allSatisfy(s -> assertThat(s.auxiliary()).hasSize(4));
            views++;
        }
        assertThat(views).as("pages the write changed").isPositive();
    }

    @Test
    void pollingWhileAnotherThreadWritesGivesEveryPointOnceAndWhole() throws Exception {
        Path file = dir.resolve("ch09.res");
        int points = 1000;
        Collected live = new Collected();
        try (ResFixture cycler = ResFixture.create(file, 2, 2)) {
            cycler.logged(1, 1);
            ResRowSource source = new ResRowSource(SourceFile.of(file));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int p = 2; p <= points; p += 10) {
                        cycler.points(p, Math.min(p + 9, points));
                        cycler.auxValues(p, Math.min(p + 9, points));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!writer.isDone()) {
                source.readNew(live);
            }
            writer.join();
            source.readNew(live);
        }
        assertThat(live.samples)
                .extracting(Sample::dataPoint)
                .doesNotHaveDuplicates()
                .hasSize(points);
        assertThat(live.samples).containsExactlyElementsOf(Collected.read(new ArbinResFormat(), file).samples);
        assertThat(live.samples).allSatisfy(s -> assertThat(s.auxiliary()).hasSize(4));
    }
}
