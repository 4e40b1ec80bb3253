package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real {@code .mpr} that has EC-Lab's own {@code .mpt} export beside it: each column the
 * {@code .mpr} holds equals the export's column of the same name on every row (rtol 1e-5, atol 1e-8,
 * as yadg's consistency test; float32 columns exactly as EC-Lab prints them, to 8 significant
 * digits), and the samples carry the export's voltage, current, capacities (held where a count falls
 * inside a half cycle: see {@code HalfCycleCounters}), energies, cycle and step.
 */
class MprAgainstMptTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-8;

    @TestFactory
    Stream<DynamicTest> everyColumnOfEveryPairMatchesTheExport() {
        return RealMprFiles.all().stream()
                .filter(mpr -> Files.isRegularFile(RealMprFiles.mptBeside(mpr)))
                .map(mpr -> DynamicTest.dynamicTest(RealMprFiles.relative(mpr), () -> compare(mpr)));
    }

    private static void compare(Path mpr) throws IOException {
        MprColumns decoded = MprColumns.read(mpr);
        MptTable mpt = MptTable.read(RealMprFiles.mptBeside(mpr));
        assertThat(decoded.rows()).as("rows").hasSize(mpt.rows());
        List<String> problems = new ArrayList<>();
        List<String> notExportedColumns = new ArrayList<>();
        List<MprColumn> columns = decoded.columns();
        for (int c = 0; c < columns.size(); c++) {
            MprColumn column = columns.get(c);
            String name = exportName(mpt, column);
            if (name == null) {
                problems.add("column " + column.id() + " '" + column.label() + "' is not in the export");
                continue;
            }
            int notExported = 0;
            for (int row = 0; row < mpt.rows(); row++) {
                String text = mpt.text(name, row);
                if (harmonicNotExported(name, text)) {
                    notExported++;
                    continue;
                }
                String problem = compareCell(column, decoded.rows().get(row)[c], text);
                if (problem != null) {
                    problems.add(String.format(Locale.ROOT, "row %d, %s: %s", row + 1, name, problem));
                    break; // one per column is enough to see it
                }
            }
            if (notExported > 0) {
                notExportedColumns.add(name + " (" + notExported + " of " + mpt.rows() + " rows)");
            }
        }
        if (!notExportedColumns.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: harmonic analysis above 100 kHz not in the export, not compared: %s%n",
                    mpr.getFileName(),
                    String.join(", ", notExportedColumns));
        }
        if (!problems.isEmpty()) {
            fail(mpr + ":\n  " + String.join("\n  ", problems));
        }
        compareSamples(mpr, mpt);
    }

    /**
     * Above 100 kHz EC-Lab's export writes no harmonic analysis: {@code -1} for THD, NSD and NSR and
     * {@code 0} for the harmonic amplitudes, printed as bare integers, while the {@code .mpr} holds
     * values (peis/geis.issue_149; yadg's {@code test_eclab_consistency_partial_149} skips these
     * columns for the same reason). Such cells are not compared; every other cell of them is.
     */
    private static boolean harmonicNotExported(String name, String text) {
        return name.matches("(THD|NSD|NSR) .*|\\|(Ewe|I|Ece) h[2-7]\\|/.*") && (text.equals("-1") || text.equals("0"));
    }

    /** The export's name for a column: EC-Lab 11.50+ writes some differently from older versions. */
    static String exportName(MptTable mpt, MprColumn column) {
        String label = column.label();
        return mpt.firstOf(
                label,
                label.replaceFirst("^<(.*)>/(.*)$", "<$1/$2>"), // <Ewe>/V in 11.50 is <Ewe/V>
                label.replaceFirst("^Energy ", "Energy we "), // Energy we charge/W.h beside Ece
                label.replaceFirst("^([PR])/", "$1we/")); // Pwe/W, Rwe/Ohm
    }

    private static String compareCell(MprColumn column, double value, String text) {
        if (column.type() == ValueType.F4 || column.type() == ValueType.F8) {
            double reference;
            try {
                reference = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return "export cell '" + text + "' is not a number";
            }
            if (Double.isNaN(reference) || Double.isNaN(value)) {
                return Double.isNaN(reference) == Double.isNaN(value) ? null : value + " vs " + text;
            }
            if (Math.abs(value - reference) > ATOL + RTOL * Math.abs(reference)) {
                return value + " vs " + text;
            }
            if (column.type() == ValueType.F4 && !printedAsEcLabDoes(value, text)) {
                return "float32 " + value + " printed to 8 digits is not '" + text + "'";
            }
            return null;
        }
        return Double.parseDouble(text) == value ? null : (long) value + " vs " + text;
    }

    /** EC-Lab prints float32 values with 8 significant digits ({@code 3.4228721E+000}), ties away from zero. */
    private static boolean printedAsEcLabDoes(double value, String text) {
        if (!Double.isFinite(value)) {
            return true;
        }
        BigDecimal printed = new BigDecimal(text);
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(8, RoundingMode.HALF_UP));
        return printed.compareTo(rounded) == 0;
    }

    private static void compareSamples(Path mpr, MptTable mpt) throws IOException {
        Collected read = new Collected();
        EcLabMprFormat.readAnyTechnique(SourceFile.of(mpr), read);
        assertThat(read.errors).as("malformed records").isEmpty();
        List<Sample> samples = read.samples;
        assertThat(samples).hasSize(mpt.rows());
        MprColumns decoded = MprColumns.read(mpr);
        RecordLayout layout = decoded.structure().layout();
        check(mpr, mpt, samples, "time/s", Sample::testTimeS, 1);
        check(mpr, mpt, samples, mpt.firstOf("Ewe/V", "Ecell/V", "<Ewe>/V", "<Ewe/V>"), Sample::voltageV, 1);
        String current = mpt.firstOf("I/mA", "<I>/mA");
        if (current != null) {
            check(mpr, mpt, samples, current, Sample::currentA, 1e3);
        } else {
            assertThat(samples).allSatisfy(s -> assertThat(s.currentA()).isZero());
        }
        if (layout.slotOf(ColumnIds.Q_CHARGE_DISCHARGE) >= 0) {
            // The export's counts, held at their largest where one falls inside a half cycle (charge
            // flowing back in mb.mpt and mb.issue_223.mpt), as cellwatch's counter rule has it.
            double[][] held = heldWithinHalfCycles(mpt);
            check(mpr, "Q charge/mA.h", samples, held[0], Sample::chargeCapacityAh);
            check(mpr, "Q discharge/mA.h", samples, held[1], Sample::dischargeCapacityAh);
        }
        if (layout.slotOf(ColumnIds.ENERGY_CHARGE) >= 0) {
            check(
                    mpr,
                    mpt,
                    samples,
                    mpt.firstOf("Energy charge/W.h", "Energy we charge/W.h"),
                    Sample::chargeEnergyWh,
                    1);
            check(
                    mpr,
                    mpt,
                    samples,
                    mpt.firstOf("Energy discharge/W.h", "Energy we discharge/W.h"),
                    Sample::dischargeEnergyWh,
                    1);
        }
        if (layout.slotOf(ColumnIds.HALF_CYCLE) >= 0 || layout.slotOf(ColumnIds.CYCLE_NUMBER) >= 0) {
            check(mpr, mpt, samples, "cycle number", Sample::cycleIndex, 1);
        }
        if (layout.slotOf(ColumnIds.NS) >= 0) {
            check(mpr, mpt, samples, "Ns", Sample::stepIndex, 1);
        }
    }

    private static void check(
            Path mpr, MptTable mpt, List<Sample> samples, String column, ToDoubleFunction<Sample> value, double scale) {
        assertThat(column).as("%s: export column for the sample", mpr).isNotNull();
        for (int row = 0; row < samples.size(); row++) {
            double reference = Math.abs(mpt.number(column, row));
            double mine = Math.abs(value.applyAsDouble(samples.get(row)) * scale);
            if (Math.abs(mine - reference) > ATOL + RTOL * Math.abs(reference)) {
                fail(String.format(
                        Locale.ROOT,
                        "%s row %d: sample gives %s = %s, the export %s",
                        mpr,
                        row + 1,
                        column,
                        mine,
                        mpt.text(column, row)));
            }
        }
    }

    /**
     * The export's {@code Q charge} and {@code Q discharge} in mA·h, each held at the largest value it
     * reached while its half cycle ({@code half cycle}) and its direction last; a row where the count
     * restarts (another half cycle, the other direction) starts from the export's own value.
     */
    private static double[][] heldWithinHalfCycles(MptTable mpt) {
        double[][] held = new double[2][mpt.rows()];
        String halfCycle = mpt.firstOf("half cycle");
        for (int row = 0; row < mpt.rows(); row++) {
            double charge = mpt.number("Q charge/mA.h", row);
            double discharge = mpt.number("Q discharge/mA.h", row);
            boolean sameRun = row > 0
                    && (halfCycle == null || mpt.text(halfCycle, row).equals(mpt.text(halfCycle, row - 1)))
                    && Math.signum(charge - discharge)
                            == Math.signum(
                                    mpt.number("Q charge/mA.h", row - 1) - mpt.number("Q discharge/mA.h", row - 1));
            held[0][row] = sameRun && charge > 0 ? Math.max(charge, held[0][row - 1]) : charge;
            held[1][row] = sameRun && discharge > 0 ? Math.max(discharge, held[1][row - 1]) : discharge;
        }
        return held;
    }

    private static void check(
            Path mpr, String column, List<Sample> samples, double[] referenceMilli, ToDoubleFunction<Sample> value) {
        for (int row = 0; row < samples.size(); row++) {
            double mine = Math.abs(value.applyAsDouble(samples.get(row)) * 1e3);
            if (Math.abs(mine - referenceMilli[row]) > ATOL + RTOL * Math.abs(referenceMilli[row])) {
                fail(String.format(
                        Locale.ROOT,
                        "%s row %d: sample gives %s = %s, expected %s",
                        mpr,
                        row + 1,
                        column,
                        mine,
                        referenceMilli[row]));
            }
        }
    }
}
