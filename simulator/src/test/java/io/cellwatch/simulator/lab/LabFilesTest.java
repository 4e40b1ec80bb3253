package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab scenario written as export files reads back as the same rows and declared cells. */
class LabFilesTest {

    @Test
    void aReusedChannelIsTwoFilesThatReadBackRowForRow(@TempDir Path dir) throws Exception {
        LabScenario scenario =
                ScenarioLibrary.named("new-cell-on-channel").orElseThrow().draw(3, 2);
        Recording direct = Recording.of(scenario);
        LabFiles.Written written = LabFiles.write(scenario, dir);
        assertThat(written.files()).hasSize(2);
        assertThat(written.truth()).isEqualTo(direct.truth);
        List<Sample> read = new ArrayList<>();
        List<ChannelInfo> declared = new ArrayList<>();
        for (Path file : written.files()) {
            CyclerFormats.detect(file).read(file, new RecordSink() {
                @Override
                public void channel(ChannelInfo info) {
                    declared.add(info);
                }

                @Override
                public void sample(Sample sample) {
                    read.add(sample);
                }

                @Override
                public void malformed(MalformedRowException error) {
                    throw new AssertionError(error);
                }
            });
        }
        assertThat(declared).isEqualTo(direct.cells);
        assertThat(read).isEqualTo(direct.rows);
    }
}
