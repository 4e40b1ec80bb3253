package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.testing.RealCorpus;
import io.cellwatch.testing.RealCorpus.Entry;
import io.cellwatch.testing.RealCorpus.NotCycling;
import io.cellwatch.testing.VendorTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cellwatch replay} on every cycler export under the real-data root: each is read, with its
 * per-cycle charge and discharge equal to what the vendor's own per-row columns say (within
 * {@value #AH} Ah, or the precision the vendor wrote), or refused with the error the README's
 * not-cycling table gives (exit 2). Vendor values come from the files' columns found by their
 * exact header text, never from cellwatch's readers:
 *
 * <ul>
 *   <li>EC-Lab: {@code Q charge/mA.h} and {@code Q discharge/mA.h} at the end of each
 *       {@code half cycle}, summed per {@code cycle number}; and, in cycles where no count falls
 *       inside a half cycle, the net charge (charge minus discharge) equal to the sum of {@code dq}
 *       (or the change of {@code (Q-Qo)});
 *   <li>Arbin: {@code Charge_Capacity} and {@code Discharge_Capacity} at the cycle's last row
 *       (they reset per cycle);
 *   <li>Neware flat CSV: {@code Chg. Cap.} and {@code DChg. Cap.} at each step's last row, summed
 *       per cycle (they reset per step);
 *   <li>Neware BTSDA: the software's own cycle rows in the file;
 *   <li>DOE / Battery Archive: the cycle's largest {@code Charge_Capacity_Ah}, the provider's
 *       definition.
 * </ul>
 *
 * Maccor writes one counter for both directions and the mapped Li‖Li export none; their cycles are
 * checked by count and by {@code RealExportReplayTest} against beep and the recomputations.
 */
class RealCorpusReplayIT {
    /** The issue's bar for per-cycle capacity against the vendor's columns. */
    private static final double AH = 1e-6;
    /** The net charge of a cycle is the same sum in another order: only rounding may differ. */
    private static final double NET_AH = 1e-12;

    private static final Map<String, String> OUTCOMES = new TreeMap<>();

    @TempDir
    static Path mappings;

    /** One cycle's charge and discharge, in Ah, and how close a reading must come to them. */
    private record VendorCycle(double chargeAh, double dischargeAh, double tolerance) {}

    @TestFactory
    Stream<DynamicTest> everyExportReplaysToTheVendorsCycleValuesOrIsRefusedAsNotCyclingData() {
        return RealCorpus.tests(RealCorpus.Kind.EXPORT, this::replayed);
    }

    /**
     * Binary files a reader recognises are replayed too (the others wait for a reader); an {@code .mpr}
     * with EC-Lab's {@code .mpt} export of the same run beside it gives the same cycles as
     * {@code replay} of that export (within {@value #AH} Ah, the same samples in each) and, where the
     * export has {@code Q} columns, the export's per-cycle values; or both are refused, as not
     * battery-cycling data, for the same reason.
     */
    @TestFactory
    Stream<DynamicTest> binaryFilesAReaderRecognisesReplayToTheirExportsCycleValues() {
        return RealCorpus.tests(RealCorpus.Kind.BINARY, this::replayedBinary);
    }

    private void replayedBinary(Entry e) throws IOException {
        if (CyclerFormats.recogniseBinary(e.path(), CyclerFormats.firstBytes(e.path()))
                .isEmpty()) {
            OUTCOMES.put(e.relative(), "binary, no reader recognises it yet");
            return;
        }
        ReplayRun run = ReplayRun.of(e.path().toString());
        String name = e.path().getFileName().toString();
        Path export = e.path().resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".mpt");
        String exportRelative = e.relative().replaceFirst("\\.mpr$", ".mpt");
        boolean paired = name.endsWith(".mpr") && Files.isRegularFile(export);
        if (run.exit() != 0) {
            refused(e, run);
            if (paired) {
                bothRefusedForTheSameReason(run, ReplayRun.of(export.toString()), exportRelative);
            }
            return;
        }
        assertThat(RealCorpus.notCycling(e.relative()))
                .as("%s is in the not-cycling table but was replayed", e.relative())
                .isEmpty();
        Map<Integer, JsonNode> cycles = cyclesOf(run, e.relative());
        if (!paired) {
            OUTCOMES.put(e.relative(), "binary, " + cycles.size() + " cycles (no export of the same run to compare)");
            return;
        }
        assertThat(RealCorpus.notCycling(exportRelative))
                .as("%s is read but its export %s is in the not-cycling table", e.relative(), exportRelative)
                .isEmpty();
        Map<Integer, JsonNode> exported = cyclesOf(ReplayRun.of(export.toString()), exportRelative);
        Map<Integer, VendorCycle> asExported = new TreeMap<>();
        exported.forEach((k, c) -> asExported.put(
                k,
                new VendorCycle(
                        c.get("chargeAh").asDouble(), c.get("dischargeAh").asDouble(), AH)));
        double againstReplay = worstDifference(cycles, asExported, "against replay of its .mpt");
        exported.forEach((k, c) -> assertThat(cycles.get(k).get("samples").asLong())
                .as("cycle %d samples against replay of its .mpt", k)
                .isEqualTo(c.get("samples").asLong()));
        Map<Integer, VendorCycle> vendor = ecLabHalfCycles(VendorTable.read(export));
        String outcome = String.format(
                "binary, %d cycles, worst %.2e Ah against replay of its .mpt", cycles.size(), againstReplay);
        if (vendor.isEmpty()) {
            OUTCOMES.put(e.relative(), outcome + " (its export has no Q columns)");
            return;
        }
        double againstVendor = worstDifference(cycles, vendor, "against its .mpt's Q columns");
        OUTCOMES.put(e.relative(), String.format("%s, %.2e Ah against its Q columns", outcome, againstVendor));
    }

    /** A replay that succeeded without skipping a row, its cycles by index (one summary each). */
    private static Map<Integer, JsonNode> cyclesOf(ReplayRun run, String file) {
        assertThat(run.exit()).as("exit of replay %s: %s", file, run.stderr()).isZero();
        assertThat(run.stderr()).as("rows skipped in %s", file).doesNotContain("skipped");
        Map<Integer, JsonNode> cycles = new TreeMap<>();
        for (JsonNode cycle : run.cycles()) {
            assertThat(cycles.put(cycle.get("cycle").asInt(), cycle))
                    .as("one summary per cycle in %s", file)
                    .isNull();
        }
        return cycles;
    }

    /**
     * Each cycle's charge and discharge against the expected ones, within each one's tolerance; the
     * same cycles on both sides. Returns the largest difference.
     */
    private static double worstDifference(
            Map<Integer, JsonNode> cycles, Map<Integer, VendorCycle> expected, String against) {
        assertThat(cycles.keySet()).as("cycles " + against).containsExactlyElementsOf(expected.keySet());
        double worst = 0;
        for (Map.Entry<Integer, VendorCycle> v : expected.entrySet()) {
            JsonNode cycle = cycles.get(v.getKey());
            double charge = cycle.get("chargeAh").asDouble();
            double discharge = cycle.get("dischargeAh").asDouble();
            assertThat(charge)
                    .as("cycle %d charge %s", v.getKey(), against)
                    .isCloseTo(v.getValue().chargeAh(), within(v.getValue().tolerance()));
            assertThat(discharge)
                    .as("cycle %d discharge %s", v.getKey(), against)
                    .isCloseTo(v.getValue().dischargeAh(), within(v.getValue().tolerance()));
            worst = Math.max(
                    worst,
                    Math.max(
                            Math.abs(charge - v.getValue().chargeAh()),
                            Math.abs(discharge - v.getValue().dischargeAh())));
        }
        return worst;
    }

    @AfterAll
    static void report() {
        System.out.println("replay of the real cycler exports, worst per-cycle difference from the vendor's columns:");
        OUTCOMES.forEach((file, outcome) -> System.out.println("  " + file + ": " + outcome));
    }

    private void replayed(Entry e) throws IOException {
        Optional<NotCycling> listed = RealCorpus.notCycling(e.relative());
        ReplayRun run = ReplayRun.of(args(e));
        if (run.exit() != 0) {
            refused(e, run);
            return;
        }
        assertThat(listed)
                .as("%s is in the not-cycling table but was replayed", e.relative())
                .isEmpty();
        Map<Integer, JsonNode> cycles = cyclesOf(run, e.relative());
        assertThat(cycles).as("cycles").isNotEmpty();
        String format = RealCorpus.MAPPINGS.containsKey(e.relative())
                ? "generic"
                : CyclerFormats.detect(e.path()).name();
        if (!format.equals("neware-btsda")) {
            sameCyclesAsTheVendor(VendorTable.read(e.path()), cycles);
        }
        if (format.equals("biologic")) {
            netChargeOfEachCycle(e.path(), cycles);
        }
        Map<Integer, VendorCycle> vendor = vendorCycles(e.path(), format);
        if (vendor.isEmpty()) {
            OUTCOMES.put(e.relative(), format + ", " + cycles.size() + " cycles (no per-cycle vendor columns)");
            return;
        }
        double worst = worstDifference(cycles, vendor, "against the vendor's columns");
        OUTCOMES.put(e.relative(), String.format("%s, %d cycles, worst %.2e Ah", format, cycles.size(), worst));
    }

    /**
     * A replay that failed: exit 2 with the error the not-cycling table gives (or, for a file not
     * listed, one that says it is not battery-cycling data), and never for a battery technique's file.
     */
    private static void refused(Entry e, ReplayRun run) {
        String name = e.path().getFileName().toString();
        assertThat(RealCorpus.BATTERY_TECHNIQUE_PREFIXES)
                .as("%s is a battery technique's file and must be read, but: %s", name, run.stderr())
                .noneMatch(name::startsWith);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr())
                .contains(RealCorpus.notCycling(e.relative())
                        .map(NotCycling::error)
                        .orElse("not battery-cycling data"));
        OUTCOMES.put(
                e.relative(),
                "refused: " + run.stderr().strip().lines().findFirst().orElse(""));
    }

    /**
     * An {@code .mpr} refused, and EC-Lab's export of the same run refused too; where the export names
     * its technique, both say the same from {@code not battery-cycling data} on.
     */
    private static void bothRefusedForTheSameReason(ReplayRun raw, ReplayRun exported, String exportRelative) {
        assertThat(exported.exit())
                .as("replay of %s, whose .mpr is refused: %s", exportRelative, exported.stderr())
                .isEqualTo(2);
        assertThat(exported.stderr()).contains("not battery-cycling data");
        String exportReason = fromNotCycling(exported.stderr());
        if (exportReason.startsWith("not battery-cycling data: EC-Lab technique")) {
            assertThat(fromNotCycling(raw.stderr()))
                    .as("the .mpr's reason against its export's")
                    .isEqualTo(exportReason);
        }
    }

    private static String fromNotCycling(String stderr) {
        String line = stderr.strip().lines().findFirst().orElse("");
        int at = line.indexOf("not battery-cycling data");
        return at < 0 ? line : line.substring(at);
    }

    /** One summary for each cycle index the vendor wrote (files without one are one cycle). */
    private static void sameCyclesAsTheVendor(VendorTable t, Map<Integer, JsonNode> cycles) {
        int cycle = t.column("cycle number", "Cyc#", "Cycle_Index", "cycle_index", "Cycle Index");
        if (cycle < 0) {
            assertThat(cycles).as("cycles of a file without a cycle column").hasSize(1);
            return;
        }
        assertThat(cycles.keySet())
                .as("cycles")
                .containsExactlyElementsOf(t.rows().stream()
                        .map(row -> (int) VendorTable.number(row, cycle))
                        .distinct()
                        .sorted()
                        .toList());
    }

    private static String[] args(Entry e) throws IOException {
        String mapping = RealCorpus.MAPPINGS.get(e.relative());
        if (mapping == null) {
            return new String[] {e.path().toString()};
        }
        Path yaml = Files.writeString(mappings.resolve(e.path().getFileName() + ".yaml"), mapping);
        return new String[] {
            "--format", "generic", "--mapping", yaml.toString(), e.path().toString()
        };
    }

    private static Map<Integer, VendorCycle> vendorCycles(Path file, String format) throws IOException {
        return switch (format) {
            case "biologic" -> ecLabHalfCycles(VendorTable.read(file));
            case "arbin" -> lastOfEachRun(VendorTable.read(file), false);
            case "neware" -> lastOfEachRun(VendorTable.read(file), true);
            case "battery-archive" -> largestOfEachCycle(VendorTable.read(file));
            case "neware-btsda" -> btsdaCycleRows(file);
            default -> Map.of();
        };
    }

    /** EC-Lab: the Q columns at the end of each half cycle, summed per cycle number. */
    private static Map<Integer, VendorCycle> ecLabHalfCycles(VendorTable t) {
        int charge = t.column("Q charge/mA.h");
        int discharge = t.column("Q discharge/mA.h");
        int half = t.column("half cycle");
        int cycle = t.column("cycle number");
        Map<Integer, VendorCycle> out = new TreeMap<>();
        if (charge < 0 || discharge < 0 || half < 0) {
            return out;
        }
        List<String[]> rows = t.rows();
        for (int i = 0; i < rows.size(); i++) {
            boolean lastOfHalfCycle = i == rows.size() - 1 || !rows.get(i + 1)[half].equals(rows.get(i)[half]);
            if (lastOfHalfCycle) {
                int k = cycle < 0 ? 0 : (int) VendorTable.number(rows.get(i), cycle);
                add(
                        out,
                        k,
                        VendorTable.number(rows.get(i), charge) * 1e-3,
                        VendorTable.number(rows.get(i), discharge) * 1e-3,
                        AH);
            }
        }
        return out;
    }

    /**
     * Arbin (reset per cycle) and Neware (reset per step): the counters at the last row of each
     * cycle, or of each step, summed per cycle.
     */
    private static Map<Integer, VendorCycle> lastOfEachRun(VendorTable t, boolean perStep) {
        int cycle = t.column("Cycle_Index", "cycle_index", "Cycle Index");
        int step = perStep ? t.column("Step Index") : -1;
        String[] chargeNames = {
            "Charge_Capacity(Ah)",
            "Charge_Capacity",
            "charge_capacity",
            "Chg. Cap.(Ah)",
            "Chg. Cap.(mAh)",
            "Chg. Cap.(mAs)"
        };
        String[] dischargeNames = {
            "Discharge_Capacity(Ah)",
            "Discharge_Capacity",
            "discharge_capacity",
            "DChg. Cap.(Ah)",
            "DChg. Cap.(mAh)",
            "DChg. Cap.(mAs)"
        };
        int charge = t.column(chargeNames);
        int discharge = t.column(dischargeNames);
        double factor = ahPer(t.header().get(charge));
        Map<Integer, VendorCycle> out = new TreeMap<>();
        List<String[]> rows = t.rows();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            boolean last = i == rows.size() - 1
                    || !rows.get(i + 1)[cycle].equals(row[cycle])
                    || step >= 0 && !rows.get(i + 1)[step].equals(row[step]);
            if (last) {
                add(
                        out,
                        (int) VendorTable.number(row, cycle),
                        Math.abs(VendorTable.number(row, charge)) * factor,
                        Math.abs(VendorTable.number(row, discharge)) * factor,
                        AH);
            }
        }
        return out;
    }

    /** DOE / Battery Archive: the cycle's largest reading of each counter (NaN rows hold). */
    private static Map<Integer, VendorCycle> largestOfEachCycle(VendorTable t) {
        int cycle = t.column("Cycle_Index");
        int charge = t.column("Charge_Capacity_Ah", "Charge_Capacity (Ah)");
        int discharge = t.column("Discharge_Capacity_Ah", "Discharge_Capacity (Ah)");
        Map<Integer, double[]> max = new TreeMap<>();
        for (String[] row : t.rows()) {
            double[] m = max.computeIfAbsent((int) VendorTable.number(row, cycle), k -> new double[2]);
            double c = VendorTable.number(row, charge);
            double d = VendorTable.number(row, discharge);
            m[0] = Double.isNaN(c) ? m[0] : Math.max(m[0], Math.abs(c));
            m[1] = Double.isNaN(d) ? m[1] : Math.max(m[1], Math.abs(d));
        }
        Map<Integer, VendorCycle> out = new TreeMap<>();
        max.forEach((k, m) -> out.put(k, new VendorCycle(m[0], m[1], AH)));
        return out;
    }

    /**
     * Neware BTSDA: the software's own cycle rows (first cell the cycle index), written to a few
     * decimals: a reading is as close as half the last decimal written, or {@value #AH} Ah.
     */
    private static Map<Integer, VendorCycle> btsdaCycleRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int charge = header.indexOf("Chg. Cap.(Ah)");
        int discharge = header.indexOf("DChg. Cap.(Ah)");
        Map<Integer, VendorCycle> out = new TreeMap<>();
        for (String line : lines.subList(3, lines.size())) {
            String[] f = line.split(",", -1);
            if (!f[0].isEmpty()) {
                double tolerance = Math.max(AH, Math.max(halfLastDecimal(f[charge]), halfLastDecimal(f[discharge])));
                out.put(
                        Integer.parseInt(f[0]),
                        new VendorCycle(Double.parseDouble(f[charge]), Double.parseDouble(f[discharge]), tolerance));
            }
        }
        return out;
    }

    /**
     * EC-Lab: where no count falls inside a half cycle, a cycle's charge minus its discharge is the
     * net charge that flowed in it: the sum of its rows' {@code dq}, or the change of {@code (Q-Qo)}
     * where the file has no {@code dq}. (Where a count falls, charge flowed back, and the cycle's
     * counts, held at their largest, exceed the net by what flowed back.)
     */
    private static void netChargeOfEachCycle(Path file, Map<Integer, JsonNode> cycles) throws IOException {
        VendorTable t = VendorTable.read(file);
        int cycle = t.column("cycle number");
        int dq = t.column("dq/mA.h");
        int net = t.column("(Q-Qo)/mA.h", "(Q-Qo)/C");
        if (dq < 0 && net < 0) {
            return;
        }
        double factor = dq >= 0 ? 1e-3 : ahPer(t.header().get(net));
        // (Q-Qo)/C is a float32 EC-Lab prints to 8 digits; dq and (Q-Qo)/mA.h have 16.
        double relative = dq < 0 && t.header().get(net).endsWith("/C") ? 1e-7 : 1e-9;
        Map<Integer, Double> vendorNet = new TreeMap<>();
        java.util.Set<Integer> countFalls = cyclesWhereACountFalls(t);
        double previous = 0;
        for (String[] row : t.rows()) {
            int k = cycle < 0 ? 0 : (int) VendorTable.number(row, cycle);
            double change;
            if (dq >= 0) {
                change = VendorTable.number(row, dq) * factor;
            } else {
                double now = VendorTable.number(row, net) * factor;
                change = now - previous;
                previous = now;
            }
            vendorNet.merge(k, change, Double::sum);
        }
        vendorNet.keySet().removeAll(countFalls);
        vendorNet.forEach((k, expected) -> {
            JsonNode c = cycles.get(k);
            double actual = c.get("chargeAh").asDouble() - c.get("dischargeAh").asDouble();
            assertThat(actual)
                    .as("cycle %d net charge", k)
                    .isCloseTo(expected, within(NET_AH + relative * Math.abs(expected)));
        });
    }

    /** The cycles in which EC-Lab's {@code Q charge} or {@code Q discharge} falls inside a half cycle. */
    private static java.util.Set<Integer> cyclesWhereACountFalls(VendorTable t) {
        int charge = t.column("Q charge/mA.h");
        int discharge = t.column("Q discharge/mA.h");
        int half = t.column("half cycle");
        int cycle = t.column("cycle number");
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        if (charge < 0 || discharge < 0) {
            return out;
        }
        String[] previous = null;
        for (String[] row : t.rows()) {
            if (previous != null && (half < 0 || row[half].equals(previous[half]))) {
                double c = VendorTable.number(row, charge);
                double d = VendorTable.number(row, discharge);
                double pc = VendorTable.number(previous, charge);
                double pd = VendorTable.number(previous, discharge);
                if (c > 0 && pc > 0 && c < pc || d > 0 && pd > 0 && d < pd) {
                    out.add(cycle < 0 ? 0 : (int) VendorTable.number(row, cycle));
                }
            }
            previous = row;
        }
        return out;
    }

    private static void add(
            Map<Integer, VendorCycle> out, int cycle, double charge, double discharge, double tolerance) {
        out.merge(
                cycle,
                new VendorCycle(charge, discharge, tolerance),
                (a, b) -> new VendorCycle(a.chargeAh() + b.chargeAh(), a.dischargeAh() + b.dischargeAh(), tolerance));
    }

    /** Ah per unit of a vendor column, from the unit in its name. */
    private static double ahPer(String column) {
        if (column.endsWith("(mAh)") || column.endsWith("/mA.h")) {
            return 1e-3;
        }
        if (column.endsWith("(mAs)")) {
            return 1e-3 / 3600;
        }
        if (column.endsWith("/C")) {
            return 1.0 / 3600;
        }
        return 1;
    }

    private static double halfLastDecimal(String number) {
        int dot = number.indexOf('.');
        return dot < 0 ? 0.5 : 0.5 * Math.pow(10, -(number.length() - dot - 1));
    }
}
