package io.cellwatch.ingest.format.biologic.mpr;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code cellpy/biol.mpr} against cellpy's committed golden frame ({@code raw.parquet}, dumped losslessly
 * to CSV): every golden column that is an EC-Lab column equals it (float32 columns bit for bit,
 * float64 within pandas' default rtol 1e-5), and the columns cellpy derives follow from ours by the
 * rules cellpy documents (README 2.2).
 */
class CellpyMprGoldenTest {
    private static final String MPR = "binary/cellpy/biol.mpr";
    private static final String GOLDEN = "binary/cellpy/goldens/loader_biologics_mpr/raw.parquet.csv.gz";

    /** cellpy's column name → EC-Lab's (our decoded column label). */
    private static final Map<String, String> SAME_COLUMN = Map.ofEntries(
            entry("voltage", "Ewe/V"),
            entry("current", "I/mA"),
            entry("test_time", "time/s"),
            entry("QChargeDischarge", "Q charge/discharge/mA.h"),
            entry("QminusQnull", "(Q-Qo)/mA.h"),
            entry("dQ", "dq/mA.h"),
            entry("Energy_charge", "|Energy|/W.h"),
            entry("charge_energy", "Energy charge/W.h"),
            entry("discharge_energy", "Energy discharge/W.h"),
            entry("capacitance_charge", "Capacitance charge/µF"),
            entry("capacitance_discharge", "Capacitance discharge/µF"),
            entry("control", "control/mA"),
            entry("Irange", "I Range"),
            entry("Ns", "Ns"),
            entry("half_cycle", "half cycle"),
            entry("z_cycle", "z cycle"),
            entry("mode", "mode"),
            entry("ox_red", "ox/red"),
            entry("error", "error"),
            entry("control_changes", "control changes"),
            entry("Ns_changes", "Ns changes"),
            entry("counter_inc", "counter inc."),
            entry("frequency", "freq/Hz"),
            entry("amplitude", "|Z|/Ohm"),
            entry("aci_phase_angle", "Phase(Z)/deg"),
            entry("reference_voltage", "Ece/V"),
            entry("avEce", "<Ece>/V"),
            entry("absEce", "|Ece|/V"),
            entry("ref_aci_phase_angle", "Phase(Zce)/deg"),
            entry("absZce", "|Zce|/Ohm"),
            entry("ReZce", "Re(Zce)/Ohm"),
            entry("neg_ImZce", "-Im(Zce)/Ohm"),
            entry("phaseDiffZ", "Phase(Zwe-ce)/deg"),
            entry("absDiffZ", "|Zwe-ce|/Ohm"),
            entry("ReDiffZ", "Re(Zwe-ce)/Ohm"),
            entry("neg_ImZwe_ce", "-Im(Zwe-ce)/Ohm"));

    @Test
    void ecLabColumnsEqualTheGoldenAndDerivedOnesFollowCellpysRules() throws IOException {
        Path mpr = RealData.require(MPR);
        Map<String, List<String>> golden = readCsv(RealData.require(GOLDEN));
        MprColumns decoded = MprColumns.read(mpr);
        int rows = decoded.rows().size();
        assertThat(golden.get("data_point")).hasSize(rows);

        for (Map.Entry<String, String> e : SAME_COLUMN.entrySet()) {
            int slot = slot(decoded, e.getValue());
            MprColumn column = decoded.columns().get(slot);
            List<String> expected = golden.get(e.getKey());
            for (int row = 0; row < rows; row++) {
                double mine = decoded.rows().get(row)[slot];
                String cell = expected.get(row);
                if (column.type() == ValueType.F4) {
                    assertThat((float) mine)
                            .as("%s row %d", e.getKey(), row + 1)
                            .isEqualTo(Float.parseFloat(cell));
                } else {
                    double reference = Double.parseDouble(cell);
                    assertThat(mine)
                            .as("%s row %d", e.getKey(), row + 1)
                            .isCloseTo(reference, within(1e-8 + 1e-5 * Math.abs(reference)));
                }
            }
        }

        Collected read = new Collected();
        new EcLabMprFormat().read(SourceFile.of(mpr), read);
        assertThat(read.errors).isEmpty();
        assertThat(read.samples).hasSize(rows);
        LocalDateTime goldenStart = LocalDateTime.parse(golden.get("date_time").get(0));
        long offsetMs = read.samples.get(0).wallTimeMs()
                - goldenStart.toInstant(ZoneOffset.UTC).toEpochMilli();
        for (int row = 0; row < rows; row++) {
            Sample s = read.samples.get(row);
            long halfCycle = Long.parseLong(golden.get("half_cycle").get(row).replace(".0", ""));
            assertThat(s.dataPoint())
                    .isEqualTo(Long.parseLong(golden.get("data_point").get(row)));
            assertThat(s.stepIndex() + 1)
                    .isEqualTo(Integer.parseInt(golden.get("step_index").get(row)));
            // cellpy numbers cycles floor((half cycle + 1) / 2) + 1; EC-Lab (and cellwatch) half cycle / 2.
            assertThat(Integer.parseInt(golden.get("cycle_index").get(row))).isEqualTo((halfCycle + 1) / 2 + 1);
            assertThat(s.cycleIndex()).isEqualTo((int) (halfCycle / 2));
            // cellpy's anode convention swaps the names: its charge is EC-Lab's negative Q.
            assertThat(s.dischargeCapacityAh() * 1e3)
                    .isCloseTo(Double.parseDouble(golden.get("charge_capacity").get(row)), within(1e-12));
            assertThat(s.chargeCapacityAh() * 1e3)
                    .isCloseTo(
                            Double.parseDouble(golden.get("discharge_capacity").get(row)), within(1e-12));
            // cellpy starts date_time at midnight of the start date; ours at the LOG's start instant.
            long goldenMs = LocalDateTime.parse(golden.get("date_time").get(row))
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
            assertThat(s.wallTimeMs() - goldenMs).as("row %d", row + 1).isCloseTo(offsetMs, within(1L));
        }
        System.out.printf(
                "biol.mpr: %d rows, %d EC-Lab columns equal to cellpy's golden; date_time differs by a constant "
                        + "%d ms (cellpy takes only the start date; the LOG module holds the start time too)%n",
                rows, SAME_COLUMN.size(), offsetMs);
    }

    private static int slot(MprColumns decoded, String label) {
        for (int i = 0; i < decoded.columns().size(); i++) {
            if (decoded.columns().get(i).label().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("biol.mpr has no column " + label);
    }

    private static Map<String, List<String>> readCsv(Path gz) throws IOException {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String[] header = in.readLine().split(",", -1);
            Map<String, List<String>> columns = new HashMap<>();
            for (String name : header) {
                columns.put(name, new ArrayList<>());
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                for (int i = 0; i < header.length; i++) {
                    columns.get(header[i]).add(cells[i]);
                }
            }
            return columns;
        }
    }
}
