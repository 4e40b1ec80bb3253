package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cellwatch.model.CycleSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CycleCsvTest {

    @Test
    void oneRowPerCycleUnderAHeaderOfTheSummaryFieldsWithEmptyCellsForNulls() throws Exception {
        CycleSummary first = cycle(890, 2.770e-3, 2.767e-3, 0.9989);
        CycleSummary open = cycle(891, 2.90e-3, 0.0, null);
        String csv = CycleCsv.write(List.of(first, open));

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .startsWith("schemaVersion,channelId,cycleIndex,startTestTimeS,endTestTimeS,")
                .endsWith(",complete,stepsEndTestTimeS,priorStepsEndTestTimeS,rowsS,voltSeconds,"
                        + "balanceRowsS,balanceVoltSeconds,chargeFirst");
        assertThat(CycleCsv.columns()).hasSize(CycleSummary.class.getRecordComponents().length);

        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            List<Map<String, String>> read = rows.readAll();
            assertThat(read.get(0))
                    .containsEntry("cycleIndex", "890")
                    .containsEntry("chargeAh", "0.00277")
                    .containsEntry("coulombicEfficiency", "0.9989")
                    .containsEntry("capacitySource", "CYCLER_COUNTERS")
                    .containsEntry("complete", "true");
            assertThat(read.get(1))
                    .containsEntry("cycleIndex", "891")
                    .containsEntry("coulombicEfficiency", "")
                    .containsEntry("maxTemperatureC", "");
        }
    }

    static CycleSummary cycle(int index, double chargeAh, double dischargeAh, Double ce) {
        return cycle("li-in", index, chargeAh, dischargeAh, ce);
    }

    static CycleSummary cycle(String channel, int index, double chargeAh, double dischargeAh, Double ce) {
        return new CycleSummary(
                1,
                channel,
                index,
                index * 7200.0,
                index * 7200.0 + 7100,
                null,
                240,
                chargeAh,
                dischargeAh,
                chargeAh * 3.6,
                dischargeAh * 3.4,
                ce,
                3.6,
                3.4,
                3600,
                3500,
                3.68,
                2.1,
                null,
                CycleSummary.CapacitySource.CYCLER_COUNTERS,
                true,
                null,
                null);
    }
}
