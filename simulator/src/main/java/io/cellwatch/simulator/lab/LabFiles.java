package io.cellwatch.simulator.lab;

import io.cellwatch.ingest.format.simcsv.SimCsvWriter;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a lab scenario as its cycler's export files, in the simulator's CSV format
 * ({@link SimCsvWriter}): one file per cell ({@code CHANNEL.csv}, then {@code CHANNEL.2.csv} for a
 * new cell on the reused channel, as a cycler starts a new file for a new test), each carrying the
 * metadata the lab declared. {@code replay} and {@code ingest --follow} read them back.
 */
public final class LabFiles {

    /** The files written and the scenario's truth. */
    public record Written(List<Path> files, LabTruth truth) {}

    private LabFiles() {}

    public static Written write(LabScenario scenario, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        SimCsvWriter[] writer = {null};
        LabTruth truth;
        try {
            truth = scenario.run(new LabSink() {
                @Override
                public void cell(ChannelInfo declared, int segment) {
                    try {
                        if (writer[0] != null) {
                            writer[0].close();
                        }
                        Path file =
                                dir.resolve(declared.channelId() + (segment == 0 ? "" : "." + (segment + 1)) + ".csv");
                        writer[0] = SimCsvWriter.create(file, declared);
                        files.add(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void sample(Sample sample) {
                    try {
                        writer[0].write(sample);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (writer[0] != null) {
                writer[0].close();
            }
        }
        return new Written(List.copyOf(files), truth);
    }
}
