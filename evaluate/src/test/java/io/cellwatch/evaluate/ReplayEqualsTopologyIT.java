package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.simulator.lab.LabGroup;
import io.cellwatch.simulator.lab.LabScenario;
import io.cellwatch.simulator.lab.LabSink;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.simulator.lab.ScenarioLibrary;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The live topology and {@code replay} produce the same cycles and the same alerts (equal records,
 * so the same alert ids, in the same order per channel) from the same samples: on every simulated
 * scenario, and on every real export present that a cycler format reads into samples.
 */
class ReplayEqualsTopologyIT {
    /** Simulated hours at most: past every failure scenario's death; healthy channels never end. */
    private static final double HOURS = 500;

    private static final double SLICE_S = 24 * 3600;

    @TempDir
    Path stateDir;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void aSimulatedScenarioGivesTheSameCyclesAndAlertsLiveAndReplayed(Scenario scenario) {
        SimulatorConfig config = new SimulatorConfig(1, 7, 30, SimulatorConfig.DEMO_START_EPOCH_MS, true);
        Simulator simulator = Simulator.create(config, List.of(scenario));
        try (LiveAndReplayed run = new LiveAndReplayed(stateDir)) {
            simulator.channels().forEach(run::describe);
            for (double t = SLICE_S; !simulator.finished() && simulator.simTimeS() < HOURS * 3600; t += SLICE_S) {
                simulator.advanceTo(Math.min(t, HOURS * 3600), run::accept);
            }
            LiveAndReplayed.Compared compared = run.assertSame(scenario.name());
            System.err.printf("%s: %s%n", scenario, compared);
            assertThat(compared.cycles())
                    .as("the comparison is about something")
                    .isGreaterThan(0);
            if (scenario.shorts()) {
                assertThat(compared.alerts()).as("a failing cell alerts").isGreaterThan(0);
            }
        }
    }

    /**
     * A replicate group of the lab-conditions library (one cell leaking, its siblings healthy):
     * live, the cells' samples arrive side by side as they are written; replay reads one cell's
     * file after another and judges the group at the end of the data. The same alerts come out per
     * channel, the group's among them (in order among themselves; live they come between the
     * channel's own as the siblings' cycles end, replayed after them).
     */
    @Test
    void aReplicateGroupGivesTheSameAlertsLiveAndReplayed() {
        LabGroup group =
                ScenarioLibrary.named("replicate-soft-short").orElseThrow().drawGroup(3, 0);
        List<ChannelInfo> declared = new ArrayList<>();
        List<List<Sample>> files = new ArrayList<>();
        double hours = Double.NaN;
        for (int i = 0; i < group.size(); i++) {
            int member = (group.scoredMember() + i) % group.size(); // the faulty cell first: its siblings run as long
            LabScenario cell = Double.isNaN(hours) ? group.member(member) : group.member(member, hours);
            List<Sample> samples = new ArrayList<>();
            LabTruth truth = cell.run(new LabSink() {
                @Override
                public void cell(ChannelInfo info, int segment) {
                    declared.add(info);
                }

                @Override
                public void sample(Sample sample) {
                    samples.add(sample);
                }
            });
            hours = Double.isNaN(hours) ? truth.endS() / 3600 : hours;
            files.add(samples);
        }
        try (LiveAndReplayed run = new LiveAndReplayed(stateDir)) {
            declared.forEach(run::describe);
            files.forEach(file -> file.forEach(run::acceptReplayed));
            run.judgeReplayedGroups();
            files.stream()
                    .flatMap(List::stream)
                    .sorted(Comparator.comparingLong(Sample::wallTimeMs).thenComparing(Sample::channelId))
                    .forEach(run::acceptLive);
            // Replay judges the group when its data ends: its alerts come after the channel's own.
            LiveAndReplayed.Compared compared =
                    run.assertSame("replicate group " + group.group(), a -> a.kind() == AlertKind.REPLICATE_OUTLIER);
            System.err.printf("%s: %s%n", group.group(), compared);
            assertThat(compared.channels()).isEqualTo(group.size());
            assertThat(run.replayedKinds()).as("the group stage spoke").contains(AlertKind.REPLICATE_OUTLIER);
        }
    }

    /**
     * Every real export a cycler format reads into samples. Files with the same bytes as one already
     * compared (the corpus keeps some vendor files in two peers' folders) would compare the same
     * samples again and are named, not rerun; the rest run on two threads, each file on a test driver
     * and an offline pipeline of its own.
     */
    @Test
    void everyRealExportPresentGivesTheSameCyclesAndAlertsLiveAndReplayed() throws Exception {
        Path root = RealData.root();
        assumeTrue(Files.isDirectory(root), () -> "real cycler data not found at " + root);
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, Path> firstWithBytes = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        List<Path> distinct = new ArrayList<>();
        for (Path file : files) {
            Path same = firstWithBytes.putIfAbsent(sha256(file), file);
            if (same == null) {
                distinct.add(file);
            } else {
                skipped.add(root.relativize(file) + " (same bytes as " + root.relativize(same) + ")");
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<String>>> outcomes = new ArrayList<>();
            for (int i = 0; i < distinct.size(); i++) {
                Path file = distinct.get(i);
                Path state = stateDir.resolve("real-" + i);
                outcomes.add(threads.submit(() -> compare(root, file, state)));
            }
            int compared = 0;
            for (Future<Optional<String>> outcome : outcomes) {
                Optional<String> notCompared;
                try {
                    notCompared = outcome.get();
                } catch (ExecutionException failed) {
                    if (failed.getCause() instanceof AssertionError mismatch) {
                        throw mismatch;
                    }
                    throw failed;
                }
                if (notCompared.isPresent()) {
                    skipped.add(notCompared.get());
                } else {
                    compared++;
                }
            }
            skipped.forEach(s -> System.err.println("not compared: " + s));
            assertThat(compared).as("real exports compared").isGreaterThan(0);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Compares one file live and replayed; empty when compared, else why not. */
    private static Optional<String> compare(Path root, Path file, Path stateDir) {
        String name = root.relativize(file).toString();
        CyclerFormat format;
        try {
            format = CyclerFormats.detect(file);
        } catch (IOException | RuntimeException unrecognised) {
            return Optional.of(name + " (" + unrecognised.getMessage() + ")");
        }
        try (Feed feed = new Feed(stateDir)) {
            try {
                format.read(file, feed);
            } catch (IOException | RuntimeException unreadable) {
                return Optional.of(name + " (" + format.name() + ": " + unreadable.getMessage() + ")");
            }
            if (feed.run == null) {
                return Optional.of(name + " (" + format.name() + ": no samples, cycles only)");
            }
            System.err.printf("%s (%s): %s%n", name, format.name(), feed.run.assertSame(name));
            return Optional.empty();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * What a cycler format reads from a file, into both sides as it comes: the channel's metadata and
     * its samples (both sides start at the file's first sample, so files without samples cost
     * nothing). Summary rows have no live counterpart (they reach the cycles topic from
     * {@code ingest}; the topology judges only the cycles it builds) and malformed rows reach neither.
     */
    private static final class Feed implements RecordSink, AutoCloseable {
        private final Path stateDir;
        private final List<ChannelInfo> described = new ArrayList<>();
        private LiveAndReplayed run;

        Feed(Path stateDir) {
            this.stateDir = stateDir;
        }

        @Override
        public void channel(ChannelInfo info) {
            if (run == null) {
                described.add(info);
            } else {
                run.describe(info);
            }
        }

        @Override
        public void sample(Sample sample) {
            if (run == null) {
                run = new LiveAndReplayed(stateDir);
                described.forEach(run::describe);
            }
            run.accept(sample);
        }

        @Override
        public void cycle(CycleSummary cycle) {}

        @Override
        public void malformed(MalformedRowException error) {}

        @Override
        public void close() {
            if (run != null) {
                run.close();
            }
        }
    }
}
