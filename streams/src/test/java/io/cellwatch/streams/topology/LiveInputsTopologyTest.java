package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.IngestDeadLetters;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.CycleSummaries;
import io.cellwatch.streams.testing.ChannelSeries;
import io.cellwatch.streams.testing.ScriptedCell;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The topology's inputs beside samples: external cycles, ingest's unreadable rows, the detection config, the wall clock. */
class LiveInputsTopologyTest extends DefaultTopologyTest {
    private List<Alert> alerts(AlertKind kind) {
        return harness.alerts.readValuesToList().stream()
                .filter(alert -> alert.kind() == kind)
                .toList();
    }

    @Test
    void summaryFileCyclesGoThroughTheCycleDetectorsAndOnToTheCyclesTopicOnce() {
        List<CycleSummary> divergent = divergentSummaries("summary-only");
        divergent.forEach(cycle -> harness.externalCycles.pipeInput(cycle.channelId(), cycle));

        assertThat(harness.cycles.readValuesToList()).containsExactlyElementsOf(divergent);
        List<Alert> softShort = alerts(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
        assertThat(softShort).isNotEmpty();
        assertThat(softShort.get(0).cycleIndex()).isEqualTo(892);
        assertThat(softShort.get(0).profile()).isEqualTo("li-ion");
    }

    @Test
    void aChannelThatSendsSamplesIgnoresSummaryCyclesSoNothingIsCountedTwice() {
        List<Sample> samples = new ScriptedCell("both", 30, 3600)
                .cycle(1, 1.0, 0.99)
                .cycle(2, 1.0, 0.99)
                .cycle(3, 1.0, 0.99)
                .samples();
        harness.pipe(samples);
        List<CycleSummary> fromSamples = harness.cycles.readValuesToList();
        assertThat(fromSamples).extracting(CycleSummary::cycleIndex).containsExactly(1, 2);

        fromSamples.forEach(cycle -> harness.externalCycles.pipeInput(cycle.channelId(), cycle));

        assertThat(harness.cycles.isEmpty()).isTrue();
        assertThat(registry.get("cellwatch.cycles.external.ignored").counter().count())
                .isEqualTo(2);
    }

    @Test
    void rowsIngestCouldNotReadAreCountedAgainstTheirChannel() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(IngestDeadLetters.FILE_HEADER, bytes("/lab/rack1/ch07.csv"));
        headers.add(IngestDeadLetters.LINE_HEADER, bytes("1234"));
        headers.add(IngestDeadLetters.FIELD_HEADER, bytes("Voltage(V)"));
        headers.add(IngestDeadLetters.REASON_HEADER, bytes("not a finite number: 'NaN'"));
        harness.deadLetters.pipeInput(new TestRecord<>("ch07", bytes("12,NaN,..."), headers));
        harness.deadLetters.pipeInput(new TestRecord<>("ch07", bytes("{broken json"), new RecordHeaders()));

        List<Alert> unreadable = alerts(AlertKind.DATA_QUALITY_UNREADABLE_ROWS);
        assertThat(unreadable).singleElement().satisfies(alert -> {
            assertThat(alert.channelId()).isEqualTo("ch07");
            assertThat(alert.message()).contains("/lab/rack1/ch07.csv:1234", "field 'Voltage(V)'");
            assertThat(alert.evidence()).containsEntry("unreadableRows", 1.0);
        });
        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_unreadable_rows", "ch07"))
                .isEqualTo(1.0);
    }

    @Test
    void kafkaStreamsOwnDeadLettersAndRowsOfNoChannelAreNotCountedAgainstAChannel() {
        // A copy Kafka Streams wrote of a record it failed on keeps the original's headers, ingest's too.
        RecordHeaders copied = new RecordHeaders();
        copied.add(IngestDeadLetters.REASON_HEADER, bytes("not a finite number: 'NaN'"));
        copied.add(UnreadableRows.STREAMS_ERROR_HEADER, bytes("java.lang.IllegalStateException"));
        harness.deadLetters.pipeInput(new TestRecord<>("ch07", bytes("12,NaN,..."), copied));
        // A blank key names no channel (its metadata cannot even be made): before, the pipeline failed on it.
        RecordHeaders blank = new RecordHeaders();
        blank.add(IngestDeadLetters.REASON_HEADER, bytes("not a finite number: 'NaN'"));
        harness.deadLetters.pipeInput(new TestRecord<>(" ", bytes("12,NaN,..."), blank));

        assertThat(alerts(AlertKind.DATA_QUALITY_UNREADABLE_ROWS)).isEmpty();
    }

    @Test
    void aChannelSilentUnderCurrentForHalfAnHourIsStalledAndResolvesWhenDataComesBack() {
        List<Sample> samples =
                new ScriptedCell("quiet", 30, 3600).cycle(1, 1.0, 0.99).samples();
        List<Sample> upToCharge = samples.subList(0, 10); // stops inside the charge step
        harness.pipe(upToCharge);
        harness.driver.advanceWallClockTime(Duration.ofMinutes(20));
        assertThat(alerts(AlertKind.DATA_QUALITY_STALLED)).isEmpty();

        harness.driver.advanceWallClockTime(Duration.ofMinutes(11));
        List<Alert> stalled = alerts(AlertKind.DATA_QUALITY_STALLED);
        assertThat(stalled).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(alert.message()).contains("No data for 3", "while step 1 of cycle 1 (charge) was under way");
            assertThat(alert.profile()).isEqualTo("li-ion");
        });

        harness.pipe(samples.subList(10, 11));
        assertThat(alerts(AlertKind.DATA_QUALITY_STALLED))
                .singleElement()
                .satisfies(alert -> assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void aChannelThatEndedOnARestIsNotStalled() {
        List<Sample> samples =
                new ScriptedCell("resting", 30, 3600).cycle(1, 1.0, 0.99).samples();
        harness.pipe(samples.subList(0, 31)); // the charge and the rest after it
        harness.driver.advanceWallClockTime(Duration.ofHours(3));
        assertThat(alerts(AlertKind.DATA_QUALITY_STALLED)).isEmpty();
    }

    @Test
    void aPublishedDetectionConfigChangesTheThresholdsOfTheNextJudgementAndAnInvalidOneIsRefused() {
        // 30 samples per charge step: enough for the default 20, too few once the file asks for 40.
        ScriptedCell cell = new ScriptedCell("tuned", 30, 3600);
        harness.pipe(cell.cycle(1, 1.0, 0.99).cycle(2, 1.0, 0.99).samples());
        int piped = cell.samples().size();
        assertThat(alerts(AlertKind.DATA_QUALITY_COARSE_LOGGING)).isEmpty();

        harness.publishDetectionConfig("lab.yaml", """
                rules:
                  - name: fine-logging
                    match: {channel: "tun*"}
                    settings:
                      dataQuality: {minChargeStepSamples: 40}
                """);
        harness.publishDetectionConfig(
                "broken.yaml", "rules:\n  - settings:\n      dataQuality: {minChargeStepSamples: many}\n");
        List<Sample> more = cell.cycle(3, 1.0, 0.99).cycle(4, 1.0, 0.99).samples();
        harness.pipe(more.subList(piped, more.size()));

        List<Alert> coarse = alerts(AlertKind.DATA_QUALITY_COARSE_LOGGING);
        assertThat(coarse).singleElement().satisfies(alert -> {
            assertThat(alert.message()).contains("has 30 samples", "at least 40 needed");
            assertThat(alert.profile()).isEqualTo("li-ion+fine-logging");
        });
    }

    /** Seed 004's Li-In cell as a per-cycle summary file gives it: stable, then charge up and discharge down from 891. */
    private static List<CycleSummary> divergentSummaries(String channelId) {
        List<CycleSummary> cycles = new ArrayList<>();
        SplittableRandom noise = new SplittableRandom(42);
        for (int c = 880; c <= 894; c++) {
            double q = 3.14e-3 * (1 + 0.001 * (noise.nextDouble() - 0.5));
            double leak = c < 891 ? 0 : 0.04 * (c - 890);
            cycles.add(CycleSummaries.of(channelId, c, q * 1.001 / (1 - leak), q / (1 + leak)));
        }
        return cycles;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
