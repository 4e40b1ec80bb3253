package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often a followed {@code .res} is opened: once per catch-up of a file that is not being
 * written (not once per budget of rows), again whenever the file changed, and not at all for a poll
 * of a file unchanged since a read reached its end. The clock is the test's, so a file "quiet for
 * 3 s" needs no waiting; every row still arrives once, equal to a read of the finished file.
 */
class ResOpensWhileCatchingUpTest {
    private static final long QUIET = TimeUnit.SECONDS.toNanos(3);

    @TempDir
    Path dir;

    private long now;

    private ResRowSource source(Path file) {
        return new ResRowSource(SourceFile.of(file), FileStamp::of, () -> now);
    }

    @Test
    void aLongFileIsOpenedOnceItIsSettledNotOncePerPollAndAgainOnlyWhenItChanges() throws Exception {
        Path file = dir.resolve("ch09.res");
        Collected live = new Collected();
        try (ResFixture cycler = ResFixture.create(file, 1, 1);
                ResRowSource rows = source(file)) {
            cycler.logged(1, 1000);

            assertThat(rows.readNew(live, 100)).isEqualTo(100);
            assertThat(rows.opens())
                    .as("a file just seen may still be written: opened for one read")
                    .isEqualTo(1);
            now += QUIET;
            for (int poll = 2; poll <= 10; poll++) {
                assertThat(rows.readNew(live, 100)).isEqualTo(100);
            }
            assertThat(rows.opens())
                    .as("nine more polls of 100 rows on a file quiet for 3 s: one open, kept")
                    .isEqualTo(2);
            assertThat(rows.readNew(live, 100)).as("the end").isZero();
            assertThat(rows.readNew(live, 100)).isZero();
            now += QUIET;
            assertThat(rows.readNew(live, 100)).isZero();
            assertThat(rows.opens())
                    .as("no open to find that an unchanged file has nothing new")
                    .isEqualTo(2);

            cycler.logged(1001, 1250); // the test goes on
            assertThat(rows.readNew(live, 100)).isEqualTo(100);
            assertThat(rows.opens()).as("a changed file is opened again").isEqualTo(3);
            assertThat(rows.readNew(live, 100)).isEqualTo(100);
            assertThat(rows.opens())
                    .as("not trusted to be unchanged until it has been quiet: opened for each read")
                    .isEqualTo(4);
            now += QUIET;
            assertThat(rows.readNew(live, 100)).isEqualTo(50);
            assertThat(rows.readNew(live, 100)).isZero();
            assertThat(rows.opens()).isEqualTo(5);

            now += QUIET;
            cycler.logged(1251, 1500);
            assertThat(rows.readNew(live, 100)).isEqualTo(100);
            now += QUIET;
            assertThat(rows.readNew(live, 100))
                    .as("opened on the settled file and kept")
                    .isEqualTo(100);
            cycler.logged(1501, 1501); // written between two polls of a database kept open
            assertThat(rows.readNew(live, 100))
                    .as("the change is seen: opened again, the rest and the new row")
                    .isEqualTo(51);
            assertThat(rows.opens()).isEqualTo(8);
        }
        assertThat(live.samples).extracting(Sample::dataPoint).containsExactlyElementsOf(range(1, 1501));
        assertThat(live.samples).containsExactlyElementsOf(Collected.read(new ArbinResFormat(), file).samples);
        assertThat(live.errors).isEmpty();
    }

    /**
     * Every real {@code .res} present, caught up with 1,000 rows a poll as a follower would on a file
     * that is not being written: opened twice (once before it counts as settled), the rows those of a
     * whole-file read. Each poll reopening it, as before, was one open per poll.
     */
    @TestFactory
    Stream<DynamicTest> everyRealResFileIsCaughtUpWithTwoOpens() throws Exception {
        Path root = RealData.root().resolve("binary");
        Assumptions.assumeTrue(Files.isDirectory(root), () -> "no real binary files at " + root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".res"))
                    .sorted()
                    .toList();
        }
        Assumptions.assumeFalse(files.isEmpty(), () -> "no .res under " + root);
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
                    Collected whole = Collected.read(new ArbinResFormat(), f);
                    Collected live = new Collected();
                    int polls = 0;
                    try (ResRowSource rows = source(f)) {
                        while (rows.readNew(live, 1_000) > 0 || polls == 0) {
                            polls++;
                            now += QUIET;
                        }
                        assertThat(rows.opens()).as("%d polls", polls).isEqualTo(2);
                    }
                    assertThat(live.samples).containsExactlyElementsOf(whole.samples);
                }));
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
