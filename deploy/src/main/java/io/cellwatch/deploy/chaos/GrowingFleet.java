package io.cellwatch.deploy.chaos;

import io.cellwatch.ingest.format.simcsv.SimCsvWriter;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cyclers of a chaos run: a simulated fleet whose channels write their exports (the
 * simulator's CSV format) as a lab's cyclers do, a little at a time, into files that {@code ingest
 * --follow} tails. Everything is a function of the seed: the same run writes the same rows.
 */
final class GrowingFleet implements AutoCloseable {
    /** Small buffers: hundreds of files are open at once. */
    private static final int BUFFER_CHARS = 8 * 1024;

    private final Simulator simulator;
    private final Map<String, SimCsvWriter> writers = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();
    private long rows;

    private GrowingFleet(Simulator simulator) {
        this.simulator = simulator;
    }

    /**
     * Every scenario that is not healthy background, {@code copiesOfEach} times, then healthy NCM, LFP
     * and symmetric channels (the demo fleet's mix, 60/25/15 %) up to {@code channels}.
     */
    static List<Scenario> scenarios(int channels, int copiesOfEach) {
        List<Scenario> out = new ArrayList<>();
        for (int copy = 0; copy < copiesOfEach; copy++) {
            for (Scenario scenario : Scenario.values()) {
                if (!scenario.isHealthy()) {
                    out.add(scenario);
                }
            }
        }
        if (out.size() > channels) {
            throw new IllegalArgumentException(
                    channels + " channels cannot hold " + out.size() + " failure channels; ask for more channels");
        }
        for (int i = 0; out.size() < channels; i++) {
            int slot = i % 20; // 12 NCM, 5 LFP, 3 symmetric in every 20
            out.add(slot < 12 ? Scenario.HEALTHY_NCM : slot < 17 ? Scenario.HEALTHY_LFP : Scenario.HEALTHY_SYMMETRIC);
        }
        return out;
    }

    /** Creates the files (header lines only) in {@code dir}. */
    static GrowingFleet create(SimulatorConfig config, List<Scenario> scenarios, Path dir) throws IOException {
        GrowingFleet fleet = new GrowingFleet(Simulator.create(config, scenarios));
        Files.createDirectories(dir);
        try {
            for (ChannelInfo channel : fleet.simulator.channels()) {
                Path file = dir.resolve(channel.channelId() + ".csv");
                BufferedWriter out = new BufferedWriter(
                        new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                        BUFFER_CHARS);
                fleet.writers.put(channel.channelId(), new SimCsvWriter(out, channel));
                fleet.files.add(file);
            }
            fleet.flush();
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** Appends what every channel measured up to {@code simTimeS} and flushes it to the files. */
    void advanceTo(double simTimeS) throws IOException {
        if (simTimeS <= simulator.simTimeS()) {
            return;
        }
        try {
            simulator.advanceTo(simTimeS, this::write);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        flush();
    }

    private void write(Sample sample) {
        try {
            writers.get(sample.channelId()).write(sample);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() throws IOException {
        for (SimCsvWriter writer : writers.values()) {
            writer.flush();
        }
    }

    double simTimeS() {
        return simulator.simTimeS();
    }

    long rowsWritten() {
        return rows;
    }

    List<Path> files() {
        return List.copyOf(files);
    }

    List<ChannelInfo> channels() {
        return simulator.channels();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SimCsvWriter writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
