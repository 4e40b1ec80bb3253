package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.biologic.mpr.EcLabMprFormat;
import io.cellwatch.ingest.format.biologic.mpr.SyntheticMpr;
import io.cellwatch.model.Sample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --follow} on a directory where EC-Lab writes an impedance run ({@code .mpr}, PEIS)
 * beside a cycling one: the impedance file is refused once, from its technique, and never opened
 * again however it grows (no retry while it changes, no dead letters, no rows for the detectors);
 * the cycling file beside it is read as usual.
 */
class NotCyclingFollowTest {
    @TempDir
    Path dir;

    /** EC-Lab's {@code .mpr} reader, counting how often each file is opened. */
    private static final class CountingMpr implements BinaryCyclerFormat {
        private final EcLabMprFormat mpr = new EcLabMprFormat();
        final Map<String, Integer> opened = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return mpr.name();
        }

        @Override
        public String description() {
            return mpr.description();
        }

        @Override
        public boolean recognisesBytes(Path file, byte[] head) {
            return mpr.recognisesBytes(file, head);
        }

        @Override
        public BinaryRowSource openBinary(SourceFile source) throws IOException {
            opened.merge(source.path().getFileName().toString(), 1, Integer::sum);
            return mpr.openBinary(source);
        }
    }

    @Test
    void anImpedanceMprIsRefusedOnceAndNotOpenedAgainAsItGrows() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path peis = Files.write(lab.resolve("peis.mpr"), SyntheticMpr.threeRecords(SyntheticMpr.PEIS));
        Files.write(lab.resolve("gcpl.mpr"), SyntheticMpr.threeRecords(SyntheticMpr.GCPL));
        CountingMpr format = new CountingMpr();
        FollowSettings settings = FollowSettings.of(
                        List.of(lab), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                // Patient: a file that cannot be read yet would be tried again on every poll while it changes.
                .withDetectAfter(Duration.ofHours(1))
                .withBinaryFormats(List.of(format));
        InMemoryFollowOutput out = new InMemoryFollowOutput();
        FileFollower follower = new FileFollower(settings, out, new SimpleMeterRegistry());
        follower.start();

        for (int poll = 0; poll < 5; poll++) {
            follower.pollOnce();
            Files.write(peis, new byte[] {0, 0, 0, 0}, StandardOpenOption.APPEND); // EC-Lab still writing
        }
        follower.pollOnce();
        follower.close();

        assertThat(format.opened).containsEntry("peis.mpr", 1);
        assertThat(out.samples).extracting(Sample::channelId).containsOnly("gcpl");
        assertThat(out.samples).hasSize(3);
        assertThat(out.deadLetters).isEmpty();
        assertThat(out.positions).doesNotContainKey(peis.toString());
    }
}
