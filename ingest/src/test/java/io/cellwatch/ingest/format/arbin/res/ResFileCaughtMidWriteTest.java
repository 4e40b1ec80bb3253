package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.model.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
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
