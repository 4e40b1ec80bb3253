package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Row;
import io.cellwatch.ingest.format.Collected;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code 20160805_test001_45_cc_01.res} against cellpy's committed oracles for it: the raw frame
 * ({@code loader_arbin_res/raw.parquet}, every row of {@code Channel_Normal_Table} as cellpy loads it),
 * compared as cellpy compares it (floats rtol 1e-5, times within 1 µs), and the per-cycle summary
 * ({@code pipeline_smoke/summary.parquet}) where cellwatch's samples carry the same quantity.
 *
 * <p>Conventions: cellpy keeps MITS Pro's units (A, V, Ah, Wh, s) and sign (charge positive), as
 * cellwatch does, so values compare unscaled. cellpy's {@code date_time} is the naive local time of
 * the OLE date; cellwatch reads it in the source's zone, UTC here, so the epoch milliseconds are that
 * local time read as UTC.
 */
class ArbinResGoldenTest {
    private static final String FILE = "binary/cellpy/20160805_test001_45_cc_01.res";
    private static final double RTOL = 1e-5;
    private static final double ONE_MICROSECOND_S = 1e-6;

    private final ArbinResFormat format = new ArbinResFormat();

    @Test
    void everySampleEqualsCellpysRawFrameRowForRow() throws IOException {
        Path file = RealData.require(FILE);
        List<Map<String, String>> golden =
                csv(RealData.require("binary/cellpy/goldens/loader_arbin_res/raw.parquet.csv.gz"));
        List<Sample> samples = Collected.read(format, file).samples;

        assertThat(golden).hasSize(10_261);
        assertThat(samples).hasSize(golden.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            Map<String, String> g = golden.get(i);
            String row = "data point " + s.dataPoint();
            assertThat(s.dataPoint()).as(row).isEqualTo(Long.parseLong(g.get("data_point")));
            assertThat(s.cycleIndex()).as(row).isEqualTo(Integer.parseInt(g.get("cycle_index")));
            assertThat(s.stepIndex()).as(row).isEqualTo(Integer.parseInt(g.get("step_index")));
            assertClose(row + " voltage", s.voltageV(), g.get("voltage"));
            assertClose(row + " current", s.currentA(), g.get("current"));
            assertClose(row + " charge_capacity", s.chargeCapacityAh(), g.get("charge_capacity"));
            assertClose(row + " discharge_capacity", s.dischargeCapacityAh(), g.get("discharge_capacity"));
            assertClose(row + " charge_energy", s.chargeEnergyWh(), g.get("charge_energy"));
            assertClose(row + " discharge_energy", s.dischargeEnergyWh(), g.get("discharge_energy"));
            assertThat(Math.abs(s.testTimeS() - Double.parseDouble(g.get("test_time"))))
                    .as(row + " test_time")
                    .isLessThanOrEqualTo(ONE_MICROSECOND_S);
            long goldenMs = LocalDateTime.parse(g.get("date_time"))
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            assertThat(s.wallTimeMs()).as(row + " date_time (ms)").isEqualTo(goldenMs);
        }
    }

    /** The OLE-day conversion itself, to the microsecond cellpy keeps (samples carry milliseconds). */
    @Test
    void dateTimesAreCellpysToTheMicrosecond() throws IOException {
        Path file = RealData.require(FILE);
        List<Map<String, String>> golden =
                csv(RealData.require("binary/cellpy/goldens/loader_arbin_res/raw.parquet.csv.gz"));
        List<Double> days = new ArrayList<>();
        try (Database db = new DatabaseBuilder(file.toFile()).setReadOnly(true).open()) {
            for (Row row : db.getTable(NormalColumns.TABLE)) {
                days.add(((Number) row.get("DateTime")).doubleValue());
            }
        }
        assertThat(days).hasSize(golden.size());
        for (int i = 0; i < days.size(); i++) {
            LocalDateTime expected = LocalDateTime.parse(golden.get(i).get("date_time"));
            Duration off = Duration.between(expected, OleDays.toLocalDateTime(days.get(i)))
                    .abs();
            assertThat(off.toNanos()).as("row %d", i).isLessThanOrEqualTo(1_000);
        }
    }

    /**
     * cellpy's summary: 18 cycles, cycle 1 ending at data point 1457. Per cycle, its charge and
     * discharge capacity are the largest value of the cycler's counters in the cycle, its last data
     * point and test time those of the cycle's last row: the same quantities from cellwatch's samples.
     */
    @Test
    void perCycleValuesAgreeWithCellpysSummary() throws IOException {
        Path file = RealData.require(FILE);
        List<Map<String, String>> summary =
                csv(RealData.require("binary/cellpy/goldens/pipeline_smoke/summary.parquet.csv.gz"));
        Map<Integer, List<Sample>> cycles = new TreeMap<>();
        for (Sample s : Collected.read(format, file).samples) {
            cycles.computeIfAbsent(s.cycleIndex(), c -> new ArrayList<>()).add(s);
        }
        assertThat(summary).hasSize(18);
        assertThat(cycles).hasSize(18);
        assertThat(last(cycles.get(1)).dataPoint()).isEqualTo(1457);
        for (Map<String, String> g : summary) {
            int cycle = Integer.parseInt(g.get("cycle_num"));
            List<Sample> rows = cycles.get(cycle);
            String c = "cycle " + cycle;
            assertThat(last(rows).dataPoint()).as(c).isEqualTo(Long.parseLong(g.get("datapoint_num_last")));
            assertThat(Math.abs(last(rows).testTimeS() - Double.parseDouble(g.get("last_test_time"))))
                    .as(c + " last_test_time")
                    .isLessThanOrEqualTo(ONE_MICROSECOND_S);
            assertClose(c + " charge_capacity", max(rows, Sample::chargeCapacityAh), g.get("charge_capacity"));
            assertClose(c + " discharge_capacity", max(rows, Sample::dischargeCapacityAh), g.get("discharge_capacity"));
        }
    }

    /** MITS Pro's own cycle statistics: one Channel_Statistic_Table row at the last data point of each finished cycle. */
    @Test
    void theCyclersStatisticRowsSitAtTheCycleEndsTheSamplesShow() throws IOException {
        Path file = RealData.require(FILE);
        Map<Integer, Long> lastPoint = new TreeMap<>();
        for (Sample s : Collected.read(format, file).samples) {
            lastPoint.put(s.cycleIndex(), s.dataPoint());
        }
        List<Long> statisticPoints = new ArrayList<>();
        try (Database db = new DatabaseBuilder(file.toFile()).setReadOnly(true).open()) {
            for (Row row : db.getTable("Channel_Statistic_Table")) {
                statisticPoints.add(((Number) row.get("Data_Point")).longValue());
            }
        }
        // 17 finished cycles; cycle 18 was cut short by the end of the test.
        assertThat(statisticPoints).containsExactlyElementsOf(new ArrayList<>(lastPoint.values()).subList(0, 17));
    }

    private static Sample last(List<Sample> rows) {
        return rows.get(rows.size() - 1);
    }

    private static double max(List<Sample> rows, java.util.function.Function<Sample, Double> value) {
        return rows.stream().mapToDouble(value::apply).max().orElseThrow();
    }

    private static void assertClose(String what, Double actual, String expected) {
        double e = Double.parseDouble(expected);
        assertThat(actual).as(what).isNotNull();
        assertThat(Math.abs(actual - e)).as(what + ": " + actual + " vs " + e).isLessThanOrEqualTo(RTOL * Math.abs(e));
    }

    /** A gzipped CSV dump of a reference frame: header row, then values (no quoted fields in these). */
    static List<Map<String, String>> csv(Path gz) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String[] header = in.readLine().split(",", -1);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
