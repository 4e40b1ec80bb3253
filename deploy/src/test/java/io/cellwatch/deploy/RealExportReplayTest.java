package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the file formats: {@code cellwatch replay} on real cycler exports gives
 * the per-cycle capacities (and energies where the peer has them) that the cycler software, beep,
 * cellpy and the data providers computed from the same files. Peer values are read from the peer
 * files beside the exports, never typed in, except where the peer exists only as the numbers
 * quoted in the data README (beep's BioLogic run). Skips when the shared data is absent.
 */
class RealExportReplayTest {
    /** The bar: per-cycle capacity equal to the peer's within 1e-5 Ah. */
    private static final double AH = 1e-5;

    private record Replay(int exit, Map<Integer, JsonNode> cycles, List<JsonNode> alerts, String stderr) {}

    private static Replay replay(String... args) throws IOException {
        ReplayRun run = ReplayRun.of(args);
        Map<Integer, JsonNode> cycles = new TreeMap<>();
        for (JsonNode node : run.cycles()) {
            assertThat(cycles.put(node.get("cycle").asInt(), node))
                    .as("one summary per cycle")
                    .isNull();
        }
        return new Replay(run.exit(), cycles, run.alerts(), run.stderr());
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                rows.add(new LinkedHashMap<>(it.next()));
            }
        }
        return rows;
    }

    private static double num(Map<String, String> row, String column) {
        String v = row.get(column);
        assertThat(v).as("peer column %s", column).isNotNull();
        return v.isBlank() || v.equalsIgnoreCase("nan") ? 0 : Double.parseDouble(v);
    }

    private static void assertCapacities(JsonNode cycle, double chargeAh, double dischargeAh, double tolerance) {
        assertThat(cycle.get("chargeAh").asDouble())
                .as("cycle %s charge", cycle.get("cycle"))
                .isCloseTo(chargeAh, within(tolerance));
        assertThat(cycle.get("dischargeAh").asDouble())
                .as("cycle %s discharge", cycle.get("cycle"))
                .isCloseTo(dischargeAh, within(tolerance));
    }

    private static void assertEnergies(JsonNode cycle, double chargeWh, double dischargeWh, double tolerance) {
        assertThat(cycle.get("chargeWh").asDouble())
                .as("cycle %s charge energy", cycle.get("cycle"))
                .isCloseTo(chargeWh, within(tolerance));
        assertThat(cycle.get("dischargeWh").asDouble())
                .as("cycle %s discharge energy", cycle.get("cycle"))
                .isCloseTo(dischargeWh, within(tolerance));
    }

    @Test
    void newareBtsdaEqualsAllTwentyVendorCycleRows() throws IOException {
        Path export = RealData.require("cellpy/nw_regular_export_ife_example.csv");
        List<Map<String, String>> vendor =
                csv(RealData.require("cellpy/nw_regular_export_ife_example.vendor-cycle-summary.csv"));
        Replay run = replay(export.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.stderr()).doesNotContain("skipped");
        assertThat(vendor).hasSize(20);
        for (Map<String, String> row : vendor) {
            JsonNode cycle = run.cycles().get((int) num(row, "cycle_index"));
            assertThat(cycle).as("cycle %s", row.get("cycle_index")).isNotNull();
            // The vendor writes 5 decimals: its own rounding is 5e-6 Ah/Wh, inside the 1e-5 bar.
            assertCapacities(cycle, num(row, "vendor_chg_cap_Ah"), num(row, "vendor_dchg_cap_Ah"), AH);
            assertEnergies(cycle, num(row, "vendor_chg_energy_Wh"), num(row, "vendor_dchg_energy_Wh"), 1e-5);
            assertThat(cycle.get("coulombicEfficiency").asDouble() * 100)
                    .isCloseTo(num(row, "vendor_ce_pct"), within(0.01));
        }
    }

    @Test
    void maccorCycles87And88EqualBeep() throws IOException {
        Path export = RealData.require("beep/PredictionDiagnostics_000109_tztest.010");
        Map<Integer, double[]> beep = new TreeMap<>();
        for (Map<String, String> row : csv(RealData.require("beep/BEEPDatapath_maccor_parameterized_memloaded.csv"))) {
            double[] max = beep.computeIfAbsent((int) num(row, "cycle_index"), c -> new double[4]);
            max[0] = Math.max(max[0], num(row, "charge_capacity"));
            max[1] = Math.max(max[1], num(row, "discharge_capacity"));
            max[2] = Math.max(max[2], num(row, "charge_energy"));
            max[3] = Math.max(max[3], num(row, "discharge_energy"));
        }
        Replay run = replay(export.toString());

        assertThat(run.exit()).isZero();
        for (int c : new int[] {87, 88}) {
            double[] peer = beep.get(c);
            assertCapacities(run.cycles().get(c), peer[0], peer[1], AH);
            assertEnergies(run.cycles().get(c), peer[2], peer[3], 1e-5);
        }
        // The README's rounding of beep's numbers, as a check on the peer file reading itself.
        assertCapacities(run.cycles().get(87), 2.583298, 1.839455, AH);
        assertThat(run.cycles().get(87).get("coulombicEfficiency").asDouble()).isCloseTo(0.7121, within(1e-4));
    }

    @Test
    void bioLogicCycleZeroEqualsBeep() throws IOException {
        Path export = RealData.require("beep/test_loopsnewoutput_MB_CE1_short10k.csv");
        Replay run = replay(export.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.stderr()).doesNotContain("skipped");
        // beep's values as the data README quotes them (beep's output for this file is not among the data).
        assertCapacities(run.cycles().get(0), 1.4618750, 2.324598, AH);
        // Energy discharge is written negative in the export; cellwatch keeps energies positive.
        assertThat(run.cycles().get(0).get("dischargeWh").asDouble()).isPositive();
        assertCapacities(run.cycles().get(1), 2.371316, 2.326586, AH); // the recomputation
    }

    @Test
    void newareHalfCellCeInTheAnodeConventionEqualsCellpy() throws IOException {
        Path export = RealData.require("cellpy/neware_uio.csv");
        List<Map<String, String>> cellpy = csv(RealData.require("cellpy/neware_uio.cellpy-summary.csv"));
        Replay run = replay(export.toString(), "--cell-type", "half", "--ce-convention", "anode");

        assertThat(run.exit()).isZero();
        for (Map<String, String> row : cellpy.subList(0, 3)) {
            JsonNode cycle = run.cycles().get((int) num(row, "cycle_index"));
            assertThat(cycle.get("coulombicEfficiency").asDouble() * 100)
                    .as("cycle %s CE %%", row.get("cycle_index"))
                    .isCloseTo(num(row, "coulombic_efficiency"), within(0.01));
            assertCapacities(cycle, num(row, "charge_capacity"), num(row, "discharge_capacity"), AH);
        }
    }

    @Test
    void batteryDataHubCyclesOneToNineEqualTheProvidersSummary() throws IOException {
        Path export = RealData.require("battery-data-toolkit/p492-13-raw.csv");
        List<Map<String, String>> summary = csv(RealData.require("battery-data-toolkit/p492-13-summary.csv"));
        Replay run = replay(export.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.stderr()).doesNotContain("skipped");
        for (Map<String, String> row : summary.subList(0, 9)) {
            int index = (int) num(row, "Cycle_Index");
            JsonNode cycle = run.cycles().get(index);
            assertThat(cycle).as("cycle %d", index).isNotNull();
            assertCapacities(cycle, num(row, "Q_chg"), num(row, "Q_dis"), AH);
            assertEnergies(cycle, num(row, "E_chg"), num(row, "E_dis"), 1e-5);
        }
        // The HPPC cycle's protocol-made CE, which detectors must tolerate, comes out as the provider's.
        assertThat(run.cycles().get(5).get("coulombicEfficiency").asDouble()).isCloseTo(7.53, within(0.01));
    }

    @Test
    void maccorThreeCeStaysNearOneNotHalf() throws IOException {
        Path export = RealData.require("cellpy/maccor_three.txt");
        Replay run = replay(export.toString());

        assertThat(run.exit()).isZero();
        for (int c = 1; c <= 13; c++) {
            assertThat(run.cycles().get(c).get("coulombicEfficiency").asDouble())
                    .as("cycle %d CE", c)
                    .isBetween(0.99, 1.0);
        }
        assertCapacities(run.cycles().get(0), 0.906112, 0.8509278, AH);
        assertRecomputed(run, RealData.require("cellpy/maccor_three.recomputed-summary.csv"), false);
    }

    @Test
    void arbinExampleEqualsItsRecomputedSummary() throws IOException {
        Replay run = replay(
                RealData.require("battery-data-toolkit/arbin_example.csv").toString());
        assertThat(run.exit()).isZero();
        assertRecomputed(run, RealData.require("battery-data-toolkit/arbin_example.recomputed-summary.csv"), true);
    }

    @Test
    void xTeslaDiagEqualsItsRecomputedSummary() throws IOException {
        Replay run = replay(RealData.require("beep/xTESLADIAG_000038.078").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.cycles()).hasSize(24);
        assertRecomputed(run, RealData.require("beep/xTESLADIAG_000038.recomputed-summary.csv"), true);
    }

    @Test
    void cellpyArbinHalfCellEqualsCellpysSummary() throws IOException {
        Path export = RealData.require("cellpy/20160805_test001_45_cc.raw-from-cellpy-h5.csv");
        List<Map<String, String>> cellpy = csv(RealData.require("cellpy/20160805_test001_45_cc.cellpy-summary.csv"));
        Replay run = replay(export.toString(), "--format", "arbin");

        assertThat(run.exit()).isZero();
        for (Map<String, String> row : cellpy.subList(0, 17)) {
            JsonNode cycle = run.cycles().get((int) num(row, "cycle_index"));
            assertCapacities(cycle, num(row, "charge_capacity"), num(row, "discharge_capacity"), AH);
        }
    }

    @Test
    void aCycleSummaryFileGoesToTheDetectorsAsItIs() throws IOException {
        Path summaryFile = RealData.require("battery-data-toolkit/p492-13-summary.csv");
        List<Map<String, String>> summary = csv(summaryFile);
        Replay run = replay(summaryFile.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.cycles()).hasSize(summary.size());
        for (Map<String, String> row : summary) {
            assertCapacities(
                    run.cycles().get((int) num(row, "Cycle_Index")), num(row, "Q_chg"), num(row, "Q_dis"), 1e-12);
        }
    }

    /** Every cycle of a recomputed summary, capacities and energies; the file's last cycle is cut off there too. */
    private static void assertRecomputed(Replay run, Path recomputed, boolean energies) throws IOException {
        List<Map<String, String>> rows = csv(recomputed);
        assertThat(run.cycles().keySet())
                .containsAll(rows.stream().map(r -> (int) num(r, "cycle_index")).toList());
        for (Map<String, String> row : rows) {
            JsonNode cycle = run.cycles().get((int) num(row, "cycle_index"));
            assertCapacities(cycle, num(row, "charge_capacity_Ah"), num(row, "discharge_capacity_Ah"), AH);
            if (energies) {
                assertEnergies(cycle, num(row, "charge_energy_Wh"), num(row, "discharge_energy_Wh"), 1e-5);
            }
            assertThat(cycle.get("samples").asLong())
                    .as("rows of cycle %s", row.get("cycle_index"))
                    .isEqualTo((long) num(row, "n_rows"));
        }
    }
}
