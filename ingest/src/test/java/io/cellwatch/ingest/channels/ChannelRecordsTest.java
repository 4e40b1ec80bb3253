package io.cellwatch.ingest.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.testformat.FixedRecordFormat;
import io.cellwatch.ingest.testformat.FixedRecordWriter;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renumbering sink {@code replay} and {@code ingest --follow} share, here on binary files as replay reads them. */
class ChannelRecordsTest {
    @TempDir
    Path dir;

    /** What reached the pipeline, in order. */
    private static final class Collected implements RecordSink {
        final List<Object> records = new ArrayList<>();

        @Override
        public void channel(ChannelInfo info) {
            records.add(info);
        }

        @Override
        public void sample(Sample sample) {
            records.add(sample);
        }

        @Override
        public void malformed(MalformedRowException error) {
            records.add(error);
        }

        List<Long> dataPoints() {
            return records.stream()
                    .filter(Sample.class::isInstance)
                    .map(r -> ((Sample) r).dataPoint())
                    .toList();
        }
    }

    @Test
    void binaryFilesOfOneChannelAreDescribedByTheChannelsFileAndNumberedOneAfterTheOther() throws Exception {
        Path channels = dir.resolve("channels.csv");
        Files.writeString(channels, "file,channel,cell_type,chemistry\nsi-0?-*.cwfr,si-half-07,half,Si|Li\n");
        ChannelCatalog catalog = ChannelCatalog.of(channels, ChannelOverrides.NONE, ZoneOffset.UTC);
        Path march = dir.resolve("si-07-march.cwfr");
        Path april = dir.resolve("si-07-april.cwfr");
        FixedRecordWriter.create(march).grow(1, 5);
        FixedRecordWriter.create(april).grow(1, 3);
        FixedRecordFormat format = new FixedRecordFormat();
        DataPointSequence sequence = new DataPointSequence();
        Collected out = new Collected();

        for (Path file : List.of(march, april)) {
            SourceFile source = catalog.source(file);
            format.read(source, new ChannelRecords(catalog, source, sequence.startFile()).into(out));
        }

        assertThat(out.dataPoints()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(out.records.get(0)).isInstanceOfSatisfying(ChannelInfo.class, c -> {
            assertThat(c.channelId()).isEqualTo("si-half-07");
            assertThat(c.cellType()).isEqualTo(CellType.HALF);
            assertThat(c.chemistry()).isEqualTo("Si|Li");
        });
        assertThat(out.records.get(6))
                .as("each file describes its channel before its samples")
                .isInstanceOf(ChannelInfo.class);
        assertThat(out.records)
                .filteredOn(Sample.class::isInstance)
                .extracting(r -> ((Sample) r).channelId())
                .containsOnly("si-half-07");
    }

    @Test
    void renumberingKeepsTheAuxiliaryChannels() {
        DataPointSequence sequence = new DataPointSequence();
        sequence.observe("ch1", 100);
        Sample withAux = new Sample(
                Sample.SCHEMA_VERSION,
                "ch1",
                1,
                null,
                0.0,
                1,
                1,
                StepType.CHARGE,
                3.7,
                0.01,
                null,
                null,
                null,
                null,
                25.0,
                Map.of("T1", 25.5, "V1", 3.69));

        Sample renumbered = sequence.startFile().renumber(withAux);

        assertThat(renumbered.dataPoint()).isEqualTo(101);
        assertThat(renumbered.auxiliary()).isEqualTo(Map.of("T1", 25.5, "V1", 3.69));
    }
}
