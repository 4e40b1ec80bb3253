package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.ChannelInfoHeader;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireCodec;
import io.cellwatch.streams.testing.ChannelSeries;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.testing.TestChannels;
import io.cellwatch.streams.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class CellwatchTopologyTest extends DefaultTopologyTest {
    private static final TopicNames TOPICS = TopologyHarness.TOPICS;

    private void pipe(List<Sample> list) {
        harness.pipe(list);
    }

    /** A silicon half cell against lithium, CE in the anode convention (lithiation over delithiation). */
    private static ChannelInfo siHalfCell(String channelId) {
        return new ChannelInfo(
                1,
                channelId,
                CellType.HALF,
                "Si|Li",
                1.0,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.CHARGE_OVER_DISCHARGE);
    }

    @Test
    void everyNodeAndStoreIsNamedAsTheFlowReads() {
        String description = CellwatchTopology.build(TopologySettings.defaults(), null)
                .describe()
                .toString();
        assertThat(description)
                .contains(
                        "samples-source",
                        "channel-pipeline",
                        "cycles-sink",
                        "cycle-history",
                        "alerts-sink",
                        "active-alerts",
                        "channel-pipeline-store",
                        "cycle-history-store",
                        "active-alerts-store",
                        "channel-info-store",
                        "channels-source");
        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
    }

    @Test
    void summarizesCyclesAndRaisesTheLiInAlertAtCycle892() {
        pipe(ScriptedCell.liInLike("li-in-01", 880, 891, 894, 3.14e-3, 0.04).samples());

        List<TestRecord<String, CycleSummary>> summaries = cycles.readRecordsToList();
        assertThat(summaries)
                .extracting(r -> r.value().cycleIndex())
                .containsExactly(
                        880, 881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893); // 894 is still open
        assertThat(summaries).allSatisfy(r -> assertThat(r.key()).isEqualTo("li-in-01"));
        CycleSummary c890 = summaries.get(10).value();
        assertThat(c890.coulombicEfficiency()).isCloseTo(0.999, within(0.001));

        // The scripted cell logs 4 samples a step: the data-quality watch rightly calls that coarse.
        List<Alert> fired = alerts.readValuesToList().stream()
                .filter(alert -> !alert.kind().dataQuality())
                .toList();
        assertThat(fired).isNotEmpty();
        assertThat(fired.get(0).kind()).isEqualTo(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
        assertThat(fired.get(0).cycleIndex()).isEqualTo(892);
        assertThat(fired.get(0).channelId()).isEqualTo("li-in-01");

        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_cycle", "li-in-01"))
                .isEqualTo(894);
        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_coulombic_efficiency", "li-in-01"))
                .isLessThan(0.9);
        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_soft_short_score", "li-in-01"))
                .as("well past the threshold by cycle 893")
                .isGreaterThan(2);
        assertThat(registry.get("cellwatch.alerts")
                        .tag("kind", "soft_short_capacity_divergence")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void channelMetadataDecidesCeConventionAndWhichDetectorsRun() {
        channels.pipeInput("si-half", siHalfCell("si-half"));
        pipe(new ScriptedCell("si-half", 4, 3600)
                .cycle(1, 0.8, 1.0)
                .cycle(2, 0.8, 1.0)
                .samples());
        assertThat(cycles.readValue().coulombicEfficiency()).isCloseTo(0.8, within(1e-12));

        channels.pipeInput("sym", TestChannels.symmetric("sym", "Li|LAGP|Li"));
        pipe(ScriptedCell.liInLike("sym", 1, 10, 16, 1e-3, 0.05).samples());
        assertThat(alerts.readValuesToList())
                .as("capacity divergence does not apply to symmetric cells (only the coarse logging is noted)")
                .allSatisfy(alert -> assertThat(alert.kind().dataQuality()).isTrue());
    }

    @Test
    void metadataPublishedMidTestAppliesFromTheNextSampleWhateverTheWallClock() {
        List<Sample> all = new ScriptedCell("half", 4, 3600)
                .cycle(1, 0.8, 1.0)
                .cycle(2, 0.8, 1.0)
                .cycle(3, 0.8, 1.0)
                .samples();
        int firstOfCycle2 = 9;
        pipe(all.subList(0, firstOfCycle2 + 1));
        assertThat(cycles.readValue().coulombicEfficiency()).isCloseTo(1.25, within(1e-12));

        channels.pipeInput("half", siHalfCell("half"));
        pipe(all.subList(firstOfCycle2 + 1, all.size()));
        assertThat(cycles.readValue().coulombicEfficiency())
                .as("cycle 2 closes under the convention published during it, as replay would have it")
                .isCloseTo(0.8, within(1e-12));
    }

    @Test
    void metadataCarriedOnTheFirstSampleCountsBeforeTheChannelsTableHasItAndUntilTheTableMovesOn() {
        List<Sample> all = new ScriptedCell("half", 4, 3600)
                .cycle(1, 0.8, 1.0)
                .cycle(2, 0.8, 1.0)
                .cycle(3, 0.8, 1.0)
                .cycle(4, 0.8, 1.0)
                .samples();
        // Ingest wrote the metadata and the samples in one transaction; the table's thread has not applied it yet.
        Headers carrying =
                new RecordHeaders().add(ChannelInfoHeader.NAME, WireCodec.CHANNEL_INFO.toBytes(siHalfCell("half")));
        samples.pipeInput(new TestRecord<>("half", all.get(0), carrying));
        pipe(all.subList(1, 10));
        assertThat(cycles.readValue().coulombicEfficiency())
                .as("cycle 1 in the anode convention the producer published, not the defaults'")
                .isCloseTo(0.8, within(1e-12));
        // The table catches up: the same metadata.
        channels.pipeInput("half", siHalfCell("half"));
        pipe(all.subList(10, 19));
        assertThat(cycles.readValue().coulombicEfficiency()).isCloseTo(0.8, within(1e-12));
        // Later metadata published without a header (a person correcting the channels topic) counts.
        channels.pipeInput("half", ChannelInfo.defaultsFor("half"));
        pipe(all.subList(19, all.size()));
        assertThat(cycles.readValuesToList())
                .last()
                .satisfies(c -> assertThat(c.coulombicEfficiency()).isCloseTo(1.25, within(1e-12)));
    }

    @Test
    void metadataCarriedOnAnOlderRecordThanTheTablesLeavesTheTablesInForceAndIsNotPublishedOn() {
        // A backlog after a restart: the table was restored to the present (the half cell's metadata, written
        // later), then an old sample carrying the earlier metadata (the defaults' full cell) is processed.
        Instant written = Instant.parse("2026-01-01T00:00:00Z");
        channels.pipeInput("half", siHalfCell("half"), written.plusSeconds(3600));
        List<Sample> all = new ScriptedCell("half", 4, 3600)
                .cycle(1, 0.8, 1.0)
                .cycle(2, 0.8, 1.0)
                .samples();
        Headers olderMetadata = new RecordHeaders()
                .add(ChannelInfoHeader.NAME, WireCodec.CHANNEL_INFO.toBytes(ChannelInfo.defaultsFor("half")));
        samples.pipeInput(new TestRecord<>("half", all.get(0), olderMetadata, written));
        for (Sample sample : all.subList(1, all.size())) {
            samples.pipeInput(new TestRecord<>("half", sample, written.plusSeconds(1)));
        }
        TestRecord<String, CycleSummary> cycle = cycles.readRecord();
        assertThat(cycle.value().coulombicEfficiency())
                .as("the table's newer half-cell convention")
                .isCloseTo(0.8, within(1e-12));
        assertThat(cycle.headers().lastHeader(ChannelInfoHeader.NAME))
                .as("the producer's header stays off what the topology publishes")
                .isNull();
    }

    @Test
    void metadataCarriedInBandIsOverlaidOnlyWhileTheTableLagsAndABadHeaderIsIgnored() {
        List<Sample> all = new ScriptedCell("half", 4, 3600)
                .cycle(1, 0.8, 1.0)
                .cycle(2, 0.8, 1.0)
                .samples();
        Headers broken = new RecordHeaders().add(ChannelInfoHeader.NAME, "{not json".getBytes(StandardCharsets.UTF_8));
        Headers otherChannel =
                new RecordHeaders().add(ChannelInfoHeader.NAME, WireCodec.CHANNEL_INFO.toBytes(siHalfCell("other")));
        samples.pipeInput(new TestRecord<>("half", all.get(0), broken));
        samples.pipeInput(new TestRecord<>("half", all.get(1), otherChannel));
        pipe(all.subList(2, all.size()));
        assertThat(cycles.readValue().coulombicEfficiency())
                .as("neither header describes this channel: the defaults' Qd/Qc")
                .isCloseTo(1.25, within(1e-12));
    }

    @Test
    void metadataPublishedUnderAnotherChannelsKeyDescribesNoChannel() {
        channels.pipeInput("half", siHalfCell("other"));
        pipe(new ScriptedCell("half", 4, 3600)
                .cycle(1, 0.8, 1.0)
                .cycle(2, 0.8, 1.0)
                .samples());
        CycleSummary cycle = cycles.readValue();
        assertThat(cycle.channelId()).isEqualTo("half");
        assertThat(cycle.coulombicEfficiency()).as("the defaults' Qd/Qc").isCloseTo(1.25, within(1e-12));
    }

    @Test
    void unreadableSamplesGoToTheDeadLetterTopicWithTheReasonAndTheRestFlows() {
        var raw = driver.createInputTopic(TOPICS.samples(), new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput(
                "bad-channel", "{\"schemaVersion\":1,\"channelId\":\"bad-channel\"}".getBytes(StandardCharsets.UTF_8));
        pipe(new ScriptedCell("good", 4, 3600)
                .cycle(1, 1.0, 0.99)
                .cycle(2, 1.0, 0.99)
                .samples());

        var deadLetters = driver.createOutputTopic(
                TOPICS.deadLetter(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        var dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("bad-channel");
        Header message = dead.headers().lastHeader("__streams.errors.message");
        assertThat(message).isNotNull();
        assertThat(new String(message.value(), StandardCharsets.UTF_8)).contains("Sample.");
        assertThat(cycles.readValue().channelId()).isEqualTo("good");
    }

    @Test
    void stateSurvivesInTheStoreAcrossSamples() {
        List<Sample> all = new ScriptedCell("ch", 4, 3600)
                .cycle(1, 1.0, 0.99)
                .cycle(2, 1.0, 0.99)
                .samples();
        pipe(all.subList(0, 5));
        @SuppressWarnings("unchecked")
        var store = (ReadOnlyKeyValueStore<String, ?>)
                driver.getAllStateStores().get(CellwatchTopology.PIPELINE_STATE_STORE);
        assertThat(store.get("ch")).isNotNull();
        pipe(all.subList(5, all.size()));
        assertThat(cycles.readValue().dischargeAh()).isCloseTo(0.99, within(1e-12));
    }
}
