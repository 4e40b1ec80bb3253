package io.cellwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private static Sample sample() {
        return new Sample(
                Sample.SCHEMA_VERSION,
                "ch-007",
                42L,
                1_700_000_000_000L,
                3600.5,
                12,
                3,
                StepType.CHARGE,
                3.912,
                0.0031,
                0.0012,
                0.0,
                0.0045,
                null,
                25.1);
    }

    @Test
    void sampleRoundTripsAndOmitsNulls() {
        String json = WireCodec.SAMPLE.toJson(sample());
        assertThat(json).doesNotContain("dischargeEnergyWh").contains("\"stepType\":\"CHARGE\"");
        assertThat(WireCodec.SAMPLE.fromJson(json)).isEqualTo(sample());
    }

    @Test
    void alertUsesLowerCaseWireNamesAndKeepsEvidenceOrder() {
        Alert alert = new Alert(
                Alert.SCHEMA_VERSION,
                Alert.episodeId("ch-1", AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 892),
                "ch-1",
                AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                Severity.WARNING,
                AlertStatus.FIRING,
                892,
                1.0,
                null,
                "charge up, discharge down",
                new java.util.LinkedHashMap<>(Map.of("chargeAh", 0.0033)));
        String json = WireCodec.ALERT.toJson(alert);
        assertThat(json)
                .contains(
                        "\"kind\":\"soft_short_capacity_divergence\"",
                        "\"severity\":\"warning\"",
                        "\"alertId\":\"ch-1/soft_short_capacity_divergence/892\"");
        assertThat(WireCodec.ALERT.fromJson(json)).isEqualTo(alert);
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String json = WireCodec.SAMPLE.toJson(sample()).replace("\"voltageV\":3.912,", "");
        assertThatThrownBy(() -> WireCodec.SAMPLE.fromJson(json))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("voltageV");
    }

    @Test
    void unsupportedSchemaVersionIsRejected() {
        String json = WireCodec.SAMPLE.toJson(sample()).replace("\"schemaVersion\":1", "\"schemaVersion\":9");
        assertThatThrownBy(() -> WireCodec.SAMPLE.fromJson(json))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("Sample.schemaVersion")
                .hasMessageContaining("unsupported schema version 9");
    }

    @Test
    void blankChannelIsRejected() {
        String json = WireCodec.SAMPLE.toJson(sample()).replace("\"ch-007\"", "\" \"");
        assertThatThrownBy(() -> WireCodec.SAMPLE.fromJson(json)).hasMessageContaining("Sample.channelId");
    }

    @Test
    void unknownFieldsFromNewerWritersAreIgnored() {
        String json = WireCodec.SAMPLE.toJson(sample()).replace("{", "{\"futureField\":true,");
        assertThat(WireCodec.SAMPLE.fromJson(json)).isEqualTo(sample());
    }

    @Test
    void aCycleSummaryWrittenBeforeTheStepEndsReadsWithoutThem() {
        // As written before the step ends were on the wire (the fields are the record's last two).
        String old = "{\"schemaVersion\":1,\"channelId\":\"ch-3\",\"cycleIndex\":7,\"startTestTimeS\":100.0,"
                + "\"endTestTimeS\":4000.0,\"sampleCount\":40,\"chargeAh\":0.002,\"dischargeAh\":0.0019,"
                + "\"chargeWh\":0.0076,\"dischargeWh\":0.0068,\"coulombicEfficiency\":0.95,"
                + "\"chargeDurationS\":1800.0,\"dischargeDurationS\":1700.0,"
                + "\"capacitySource\":\"CYCLER_COUNTERS\",\"complete\":true}";

        CycleSummary read = WireCodec.CYCLE_SUMMARY.fromJson(old);

        assertThat(read.cycleIndex()).isEqualTo(7);
        assertThat(read.stepsEndTestTimeS()).isNull();
        assertThat(read.priorStepsEndTestTimeS()).isNull();
        CycleSummary withEnds = new CycleSummary(
                1,
                "ch-3",
                7,
                100,
                4000,
                null,
                40,
                0.002,
                0.0019,
                0.0076,
                0.0068,
                0.95,
                null,
                null,
                1800,
                1700,
                null,
                null,
                null,
                CycleSummary.CapacitySource.CYCLER_COUNTERS,
                true,
                3600.0,
                50.0);
        assertThat(WireCodec.CYCLE_SUMMARY.fromJson(WireCodec.CYCLE_SUMMARY.toJson(withEnds)))
                .isEqualTo(withEnds);
    }

    @Test
    void aCycleSummaryWrittenBeforeTheRowsVoltSecondsReadsWithoutThem() {
        // As written before the rows' sums (with the step ends, which came before them).
        String old = "{\"schemaVersion\":1,\"channelId\":\"ch-3\",\"cycleIndex\":7,\"startTestTimeS\":100.0,"
                + "\"endTestTimeS\":4000.0,\"sampleCount\":40,\"chargeAh\":0.002,\"dischargeAh\":0.0019,"
                + "\"chargeWh\":0.0076,\"dischargeWh\":0.0068,\"chargeDurationS\":1800.0,"
                + "\"dischargeDurationS\":1700.0,\"capacitySource\":\"CYCLER_COUNTERS\",\"complete\":true,"
                + "\"stepsEndTestTimeS\":3600.0,\"priorStepsEndTestTimeS\":50.0}";

        CycleSummary read = WireCodec.CYCLE_SUMMARY.fromJson(old);

        assertThat(read.stepsEndTestTimeS()).isEqualTo(3600.0);
        assertThat(read.rowsS()).isNull();
        assertThat(read.voltSeconds()).isNull();
        assertThat(read.balanceRowsS()).isNull();
        assertThat(read.balanceVoltSeconds()).isNull();
        CycleSummary withVoltSeconds = read.withVoltSeconds(400.0, 1480.0, 450.0, 1600.0);
        assertThat(WireCodec.CYCLE_SUMMARY.fromJson(WireCodec.CYCLE_SUMMARY.toJson(withVoltSeconds)))
                .isEqualTo(withVoltSeconds);
        assertThat(withVoltSeconds.withVoltSeconds(null, null, null, null)).isEqualTo(read);
    }

    @Test
    void aChannelsGroupIsOptionalOnTheWire() {
        ChannelInfo grouped = ChannelInfo.defaultsFor("ch-3").withGroup("llzo-batch-4");
        String json = WireCodec.CHANNEL_INFO.toJson(grouped);
        assertThat(json).contains("\"group\":\"llzo-batch-4\"");
        assertThat(WireCodec.CHANNEL_INFO.fromJson(json)).isEqualTo(grouped);

        // Written before groups existed: no group, and written without one it says nothing of it.
        String old = WireCodec.CHANNEL_INFO.toJson(ChannelInfo.defaultsFor("ch-3"));
        assertThat(old).doesNotContain("group");
        assertThat(WireCodec.CHANNEL_INFO.fromJson(old).group()).isNull();
        assertThat(ChannelInfo.defaultsFor("ch-3").withGroup("  ").group()).isNull();
    }

    @Test
    void serdeNamesTopicOnGarbage() {
        var deserializer = WireSerdes.sample().deserializer();
        assertThatThrownBy(() ->
                        deserializer.deserialize("cellwatch.samples", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic cellwatch.samples");
        assertThat(deserializer.deserialize("cellwatch.samples", null)).isNull();
    }

    @Test
    void ceConventionsReadTheRightWayRound() {
        assertThat(CeConvention.DISCHARGE_OVER_CHARGE.efficiency(2.0, 1.8)).isEqualTo(0.9);
        assertThat(CeConvention.CHARGE_OVER_DISCHARGE.efficiency(1.8, 2.0)).isEqualTo(0.9);
        assertThat(CeConvention.DISCHARGE_OVER_CHARGE.efficiency(0.0, 1.0)).isNull();
    }
}
