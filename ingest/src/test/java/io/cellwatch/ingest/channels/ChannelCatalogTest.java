package io.cellwatch.ingest.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.model.TestProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelCatalogTest {
    @TempDir
    Path dir;

    private static final ChannelOverrides FLAGS =
            new ChannelOverrides(CellType.FULL, "NCM622|LPSCl|Li-In", 0.785, null, 0.00314, null, null, null);

    @Test
    void aChannelsFileRowBeatsTheFlagsWhichBeatTheFileAndTheDefaults() throws IOException {
        Path channels = Files.writeString(dir.resolve("channels.csv"), """
                # lab 3, rack B
                file,channel,cell_type,ce_convention,area_cm2,mass_g,nominal_ah,chemistry,protocol
                neware_uio.csv,si-half-07,half,anode,1.13,0.0021,,Si|Li,
                ch1?.mpt,,symmetric,,,,,,step-up
                """);
        ChannelCatalog catalog = ChannelCatalog.of(channels, FLAGS, ZoneOffset.UTC);

        SourceFile uio = catalog.source(dir.resolve("neware_uio.csv"));
        assertThat(uio.channelId()).isEqualTo("si-half-07");
        assertThat(uio.channelMapped()).isTrue();
        ChannelInfo info = uio.channel();
        assertThat(info.cellType()).isEqualTo(CellType.HALF);
        assertThat(info.ceConvention()).isEqualTo(CeConvention.CHARGE_OVER_DISCHARGE);
        assertThat(info.electrodeAreaCm2()).isEqualTo(1.13);
        assertThat(info.activeMassG()).isEqualTo(0.0021);
        assertThat(info.nominalCapacityAh()).isEqualTo(0.00314); // from the flags: the row leaves it empty
        assertThat(info.chemistry()).isEqualTo("Si|Li");

        SourceFile ccd = catalog.source(dir.resolve("ch12.mpt"));
        assertThat(ccd.channelId()).isEqualTo("ch12");
        assertThat(ccd.channelMapped()).isFalse();
        assertThat(ccd.channel().cellType()).isEqualTo(CellType.SYMMETRIC);
        assertThat(ccd.channel().protocol()).isEqualTo(TestProtocol.STEP_UP);

        SourceFile other = catalog.source(dir.resolve("other.csv"));
        assertThat(other.channel().cellType()).isEqualTo(CellType.FULL);
        assertThat(other.channel().chemistry()).isEqualTo("NCM622|LPSCl|Li-In");

        ChannelInfo fromFile = new ChannelInfo(
                1,
                "sim-07",
                CellType.SYMMETRIC,
                "Li|QCPE|Li",
                2.0,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
        ChannelInfo overlaid = catalog.overlay(dir.resolve("sim-07.csv"), fromFile);
        assertThat(overlaid.cellType()).isEqualTo(CellType.FULL);
        assertThat(overlaid.electrodeAreaCm2()).isEqualTo(0.785);
        assertThat(overlaid.channelId()).isEqualTo("sim-07");
    }

    @Test
    void aReplicateGroupComesFromTheChannelsFileOrTheFlags() throws IOException {
        Path channels = Files.writeString(dir.resolve("channels.csv"), """
                file,cell_type,group
                pack3-*.csv,full,pack-3
                lone.csv,full,
                """);
        ChannelOverrides flags = new ChannelOverrides(null, null, null, null, null, null, null, "bench-a");
        ChannelCatalog catalog = ChannelCatalog.of(channels, flags, ZoneOffset.UTC);
        assertThat(catalog.source(dir.resolve("pack3-ch1.csv")).channel().group())
                .isEqualTo("pack-3");
        assertThat(catalog.source(dir.resolve("lone.csv")).channel().group()).isEqualTo("bench-a");
        assertThat(ChannelCatalog.of(channels, ChannelOverrides.NONE, ZoneOffset.UTC)
                        .source(dir.resolve("lone.csv"))
                        .channel()
                        .group())
                .isNull();
    }

    @Test
    void aBadValueNamesFileLineAndColumn() throws IOException {
        Path channels = Files.writeString(
                dir.resolve("channels.csv"), "file,cell_type,area_cm2\na.csv,full,1.0\nb.csv,halfcell,1.0\n");
        assertThatThrownBy(() -> ChannelsFile.read(channels))
                .hasMessage(channels + ":3: field 'cell_type': 'halfcell' is not a cell type (full, half, symmetric)");
        Path negative = Files.writeString(dir.resolve("neg.csv"), "file,area_cm2\na.csv,-2\n");
        assertThatThrownBy(() -> ChannelsFile.read(negative))
                .hasMessageContaining(":2: field 'area_cm2': area_cm2 must be a positive number, was -2");
        Path noFile = Files.writeString(dir.resolve("nofile.csv"), "channel,cell_type\nx,full\n");
        assertThatThrownBy(() -> ChannelsFile.read(noFile)).hasMessageContaining(":1: the header has no 'file' column");
    }

    @Test
    void recordNumbersContinueWhenAChannelsDataSpansFiles() {
        DataPointSequence sequence = new DataPointSequence();
        DataPointSequence.FileRun first = sequence.startFile();
        assertThat(first.renumber(sample("ch", 1)).dataPoint()).isEqualTo(1);
        assertThat(first.renumber(sample("ch", 40)).dataPoint()).isEqualTo(40);
        DataPointSequence.FileRun second = sequence.startFile();
        assertThat(second.renumber(sample("ch", 1)).dataPoint()).isEqualTo(41);
        assertThat(second.renumber(sample("other", 1)).dataPoint()).isEqualTo(1);
        assertThat(second.renumber(sample("ch", 2)).dataPoint()).isEqualTo(42);
    }

    private static Sample sample(String channel, long dataPoint) {
        return new Sample(
                1, channel, dataPoint, null, dataPoint, 1, 1, StepType.REST, 3.0, 0, null, null, null, null, null);
    }
}
