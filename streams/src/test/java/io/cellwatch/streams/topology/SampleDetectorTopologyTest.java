package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.SyntheticFullCell;
import io.cellwatch.streams.detect.SyntheticSymmetricCell;
import io.cellwatch.streams.detect.imminent.ImminentShortDetector;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.testing.ChannelSeries;
import io.cellwatch.streams.testing.TestChannels;
import java.util.List;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** The sample-level detectors in the live topology: named state, alerts while the cycle runs. */
class SampleDetectorTopologyTest extends DefaultTopologyTest {
    @Test
    void thePipelineProcessorIsNamedAndKeepsEveryDetectorsStateUnderTheDetectorsName() {
        String description = CellwatchTopology.build(TopologySettings.defaults(), null)
                .describe()
                .toString();
        assertThat(description).contains("channel-pipeline", "channel-pipeline-store");
        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");

        SyntheticFullCell cell = new SyntheticFullCell("full", 3e-3, 30, 0.001, 8);
        for (int c = 1; c <= 3; c++) {
            cell.cycle(c, 0);
        }
        cell.samples().forEach(sample -> samples.pipeInput(sample.channelId(), sample));
        PipelineState state = pipelineState("full");
        assertThat(state.detectorNames())
                .containsExactlyInAnyOrder(
                        "soft-short-capacity-divergence",
                        "soft-short-ce-fluctuation",
                        "capacity-fade",
                        "imminent-short",
                        "voltage-drop",
                        "full-cell-hard-short",
                        "data-quality");
    }

    @Test
    void theImminentShortReachesTheAlertsTopicWhileTheChargeIsStillRunning() {
        SyntheticFullCell cell = new SyntheticFullCell("li-in", 3e-3, 30, 0.001, 8);
        for (int c = 1; c <= 12; c++) {
            cell.cycle(c, 0);
        }
        cell.cycle(13, 0.93);
        List<Sample> all = cell.samples();
        Alert imminent = null;
        int piped = 0;
        for (Sample sample : all) {
            samples.pipeInput(sample.channelId(), sample);
            piped++;
            for (Alert alert : alerts.readValuesToList()) {
                if (alert.kind() == AlertKind.IMMINENT_SHORT) {
                    imminent = alert;
                }
            }
            if (imminent != null) {
                break;
            }
        }
        assertThat(imminent).isNotNull();
        assertThat(imminent.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(imminent.cycleIndex()).isEqualTo(13);
        assertThat(piped)
                .as("raised with most of the endless charge still to come")
                .isLessThan(all.size() - 100);
        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_imminent_short", "li-in"))
                .isEqualTo(1);
        PipelineState state = pipelineState("li-in");
        assertThat(state.detectorState(new ImminentShortDetector(null).name())).isNotNull();
        assertThat(state.detectorState("overpotential"))
                .as("a full cell never touches the symmetric-cell detectors' state")
                .isNull();
    }

    private PipelineState pipelineState(String channelId) {
        @SuppressWarnings("unchecked")
        var store = (ReadOnlyKeyValueStore<String, PipelineState>)
                driver.getAllStateStores().get(CellwatchTopology.PIPELINE_STATE_STORE);
        return store.get(channelId);
    }

    @Test
    void aSymmetricCellDescribedOnTheChannelsTopicGetsItsOverpotentialWatched() {
        channels.pipeInput("sym", TestChannels.symmetric("sym", "Li|QCPE|Li"));
        double softShortS = 20 * 3600;
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 9)
                .cycling(1, 24, 0.5, t -> t < softShortS ? 0.27 : 0.1, t -> t < softShortS ? 0.001 : 0.008);
        for (Sample sample : cell.samples()) {
            samples.pipeInput(sample.channelId(), sample);
        }
        List<Alert> fired = alerts.readValuesToList();
        // One episode: the alert, and the noisy filament's R as an update of it once the readings carry it.
        assertThat(fired).extracting(Alert::kind).containsOnly(AlertKind.OVERPOTENTIAL_COLLAPSE);
        assertThat(fired).extracting(Alert::alertId).containsOnly(fired.get(0).alertId());
        assertThat(fired.get(0).testTimeS()).isBetween(softShortS, softShortS + 3600);
        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_overpotential_volts", "sym"))
                .isBetween(0.09, 0.11);
    }
}
