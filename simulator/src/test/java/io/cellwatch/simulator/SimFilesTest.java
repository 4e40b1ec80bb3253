package io.cellwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.simcsv.SimCsvReader;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimFilesTest {
    private static final double HOUR = 3600;
    private static final List<Scenario> FLEET =
            List.of(Scenario.LI_IN_SOFT_SHORT, Scenario.HEALTHY_NCM, Scenario.HEALTHY_LFP, Scenario.CCD_STEP_UP);

    @Test
    void writesOneFilePerChannelThatReadsBackExactlyWhatTheSimulatorEmits(@TempDir Path dir) throws IOException {
        Simulator written = Simulator.create(SimulatorConfig.demo(), FLEET);
        List<String> progress = new ArrayList<>();
        List<Path> files = SimFiles.write(
                written,
                dir,
                20 * HOUR,
                (done, total, file, rows) -> progress.add(done + "/" + total + " " + file.getFileName() + " " + rows));

        Simulator reference = Simulator.create(SimulatorConfig.demo(), FLEET);
        CycleTally expected = new CycleTally();
        reference.advanceTo(20 * HOUR, expected);

        assertThat(files).hasSize(FLEET.size());
        assertThat(progress).hasSize(FLEET.size()).first().asString().startsWith("1/4 sim-li-in-short-01.csv ");
        for (int n = 0; n < files.size(); n++) {
            ChannelInfo channel = written.channels().get(n);
            assertThat(files.get(n)).isEqualTo(dir.resolve(channel.channelId() + ".csv"));
            List<Sample> read = new ArrayList<>();
            List<MalformedRowException> errors = new ArrayList<>();
            ChannelInfo readChannel = SimCsvReader.read(files.get(n), read::add, errors::add);
            assertThat(errors).isEmpty();
            assertThat(readChannel).isEqualTo(channel);
            assertThat(read).isEqualTo(expected.samples(channel.channelId()));
        }

        // The simulator stands where advanceTo would have left it, and carries on identically.
        assertThat(written.simTimeS()).isEqualTo(20 * HOUR);
        List<Sample> nextA = new ArrayList<>();
        List<Sample> nextB = new ArrayList<>();
        written.advanceTo(30 * HOUR, nextA::add);
        reference.advanceTo(30 * HOUR, nextB::add);
        assertThat(nextA).isNotEmpty().isEqualTo(nextB);
        // The CCD test ended within those hours in both.
        assertThat(written.finished()).isEqualTo(reference.finished());
    }
}
