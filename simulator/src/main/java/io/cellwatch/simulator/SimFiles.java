package io.cellwatch.simulator;

import io.cellwatch.ingest.format.simcsv.SimCsvWriter;
import io.cellwatch.model.ChannelInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Writes a simulated fleet to disk, one {@link SimCsvWriter} file per channel. */
public final class SimFiles {
    private static final Pattern FILE_NAME_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SimFiles() {}

    /** Told after each channel's file is complete. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total, file, rows) -> {};

        void channelWritten(int channelsDone, int channelsTotal, Path file, long rows);
    }

    /** {@link #write(Simulator, Path, double, Progress)} without progress reports. */
    public static List<Path> write(Simulator simulator, Path dir, double durationS) throws IOException {
        return write(simulator, dir, durationS, Progress.NONE);
    }

    /**
     * Advances the simulator by durationS and writes what every channel emits in that time to
     * {@code <dir>/<channelId>.csv} (replacing existing files), one channel at a time so only one
     * file is open at once. Afterwards the simulator stands at its old time + durationS, as if
     * {@link Simulator#advanceTo} had been called.
     *
     * @return the written files, in channel order
     */
    public static List<Path> write(Simulator simulator, Path dir, double durationS, Progress progress)
            throws IOException {
        if (!(durationS >= 0) || !Double.isFinite(durationS)) {
            throw new IllegalArgumentException("durationS must be a non-negative number, was " + durationS);
        }
        Files.createDirectories(dir);
        double target = simulator.simTimeS() + durationS;
        List<ChannelInfo> channels = simulator.channels();
        for (ChannelInfo channel : channels) {
            if (!FILE_NAME_SAFE.matcher(channel.channelId()).matches()) {
                throw new IllegalArgumentException("channel id is not a safe file name: " + channel.channelId());
            }
        }
        List<Path> written = new ArrayList<>(channels.size());
        for (int n = 0; n < channels.size(); n++) {
            ChannelInfo channel = channels.get(n);
            Path file = dir.resolve(channel.channelId() + ".csv");
            long rows;
            try (SimCsvWriter writer = SimCsvWriter.create(file, channel)) {
                simulator.advanceChannelTo(n, target, sample -> {
                    try {
                        writer.write(sample);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                rows = writer.rowsWritten();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            written.add(file);
            progress.channelWritten(n + 1, channels.size(), file, rows);
        }
        simulator.settle(target);
        return List.copyOf(written);
    }
}
