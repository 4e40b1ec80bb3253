package io.cellwatch.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.format.generic.ColumnMapping;
import io.cellwatch.ingest.format.generic.GenericCsvFormat;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealCorpus;
import io.cellwatch.testing.RealCorpus.Entry;
import io.cellwatch.testing.RealCorpus.NotCycling;
import io.cellwatch.testing.RealData;
import io.cellwatch.testing.VendorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cycler export under the real-data root, row by row: each is either read (one sample per
 * data row, no malformed row, voltage, current, cycle index, and for vendors that write charge and
 * discharge counters those counters, equal to the vendor's own columns found by their exact header
 * text) or refused as not battery-cycling data, with the error the README's table gives. Binary
 * files are read once a reader recognises them, or refused in the same way. The per-cycle values are checked against the
 * vendor's columns in deploy's {@code RealCorpusReplayIT}, which sees the cycle summarizer.
 */
class RealCorpusReadingIT {
    /** Values are parsed from the same text; only unit factors round. */
    private static final double RELATIVE = 1e-12;

    private static final Map<String, String> OUTCOMES = new TreeMap<>();

    @TempDir
    static Path mappings;

    /** A vendor column by its exact header names (the first present wins) with each name's factor to V, A, Ah. */
    private record Ref(List<String> names, List<Double> factors) {
        static Ref of(Object... nameFactorPairs) {
            List<String> names = new ArrayList<>();
            List<Double> factors = new ArrayList<>();
            for (int i = 0; i < nameFactorPairs.length; i += 2) {
                names.add((String) nameFactorPairs[i]);
                factors.add(((Number) nameFactorPairs[i + 1]).doubleValue());
            }
            return new Ref(names, factors);
        }
    }

    /** Where each format's vendor writes what cellwatch reads; counters only where the vendor writes them as such. */
    private record VendorColumns(Ref voltage, Ref current, Ref cycle, Ref charge, Ref discharge) {}

    private static final Map<String, VendorColumns> VENDOR_COLUMNS = Map.of(
            "biologic",
            new VendorColumns(
                    Ref.of("Ewe/V", 1, "Ecell/V", 1, "<Ewe>/V", 1, "<Ewe/V>", 1),
                    Ref.of("I/mA", 1e-3, "<I>/mA", 1e-3),
                    Ref.of("cycle number", 1),
                    null,
                    null),
            "arbin",
            new VendorColumns(
                    Ref.of("Voltage(V)", 1, "Voltage", 1, "voltage", 1),
                    Ref.of("Current(A)", 1, "Current", 1, "current", 1),
                    Ref.of("Cycle_Index", 1, "cycle_index", 1),
                    Ref.of("Charge_Capacity(Ah)", 1, "Charge_Capacity", 1, "charge_capacity", 1),
                    Ref.of("Discharge_Capacity(Ah)", 1, "Discharge_Capacity", 1, "discharge_capacity", 1)),
            "neware",
            new VendorColumns(
                    Ref.of("Voltage(V)", 1, "Voltage(mV)", 1e-3),
                    Ref.of("Current(A)", 1, "Current(mA)", 1e-3, "Current(µA)", 1e-6),
                    Ref.of("Cycle Index", 1),
                    Ref.of("Chg. Cap.(Ah)", 1, "Chg. Cap.(mAh)", 1e-3, "Chg. Cap.(mAs)", 1e-3 / 3600),
                    Ref.of("DChg. Cap.(Ah)", 1, "DChg. Cap.(mAh)", 1e-3, "DChg. Cap.(mAs)", 1e-3 / 3600)),
            "battery-archive",
            new VendorColumns(
                    Ref.of("Voltage_V", 1, "Voltage (V)", 1),
                    Ref.of("Current_A", 1, "Current (A)", 1),
                    Ref.of("Cycle_Index", 1),
                    null,
                    null),
            "maccor",
            new VendorColumns(Ref.of("Volts", 1), Ref.of("Amps", 1, "mAmps", 1e-3), Ref.of("Cyc#", 1), null, null),
            "generic",
            new VendorColumns(Ref.of("Ewe/V", 1), null, null, null, null));

    @TestFactory
    Stream<DynamicTest> everyExportIsReadRowForRowOrRefusedAsNotCyclingData() {
        return RealCorpus.tests(RealCorpus.Kind.EXPORT, RealCorpusReadingIT::readOrRefused);
    }

    @TestFactory
    Stream<DynamicTest> binaryFilesAReaderRecognisesAreRead() {
        return RealCorpus.tests(RealCorpus.Kind.BINARY, RealCorpusReadingIT::readIfRecognised);
    }

    private static void readIfRecognised(Entry e) throws IOException {
        if (CyclerFormats.recogniseBinary(e.path(), CyclerFormats.firstBytes(e.path()))
                .isEmpty()) {
            OUTCOMES.put(e.relative(), "binary, no reader yet");
            return;
        }
        Read read = readUnlessRefused(e, entry -> CyclerFormats.detect(entry.path()));
        if (read != null) {
            // Some hold no rows at all (empty.ndax): read, nothing to hand over.
            OUTCOMES.put(
                    e.relative(),
                    "read (" + read.format().name() + ", " + read.rows().samples.size() + " samples)");
        }
    }

    /** A file read by a format, without a malformed row. */
    private record Read(CyclerFormat format, Collected rows) {}

    /** How a file's format is chosen (detection may itself refuse the file). */
    private interface FormatOf {
        CyclerFormat of(Entry e) throws IOException;
    }

    /**
     * The file read without a malformed row, its absence from the not-cycling table checked; or,
     * when it is refused, null after checking the refusal against that table.
     */
    private static Read readUnlessRefused(Entry e, FormatOf formatOf) {
        Optional<NotCycling> listed = RealCorpus.notCycling(e.relative());
        Read read;
        try {
            CyclerFormat format = formatOf.of(e);
            read = new Read(format, Collected.read(format, e.path()));
        } catch (IOException refused) {
            assertRefusedAsNotCycling(e, listed, refused);
            return null;
        }
        assertThat(listed)
                .as("%s is in the not-cycling table but was read", e.relative())
                .isEmpty();
        assertThat(read.rows().errors).as("malformed rows").isEmpty();
        return read;
    }

    @Test
    void theGermanLocaleExportGivesTheSameSamplesAsTheEnglishOne() throws IOException {
        Path english = RealData.require("binary/yadg/mb.issue_95.mpt");
        Path german = RealData.require("binary/yadg/mb.issue_95.de.mpt");
        Collected en = Collected.read(CyclerFormats.detect(english), english);
        Collected de = Collected.read(CyclerFormats.detect(german), german);

        assertThat(de.errors).isEmpty();
        assertThat(en.samples).isNotEmpty();
        // The channel is named after the file; everything else must be the same, value for value.
        assertThat(de.samples)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("channelId")
                .containsExactlyElementsOf(en.samples);
    }

    @AfterAll
    static void report() {
        Map<String, Long> byOutcome = new TreeMap<>();
        OUTCOMES.values().forEach(o -> byOutcome.merge(o.replaceAll(" \\(.*", ""), 1L, Long::sum));
        System.out.println("real cycler files: " + byOutcome);
        OUTCOMES.forEach((file, outcome) -> System.out.println("  " + file + ": " + outcome));
    }

    private static void readOrRefused(Entry e) throws IOException {
        Read found = readUnlessRefused(e, RealCorpusReadingIT::formatOf);
        if (found == null) {
            return;
        }
        CyclerFormat format = found.format();
        Collected read = found.rows();
        if (format.name().equals("neware-btsda")) {
            assertThat(read.samples).isNotEmpty(); // hierarchical: its cycle rows are checked per cycle in deploy
        } else {
            sameAsTheVendorRowForRow(e.path(), format.name(), read.samples);
        }
        OUTCOMES.put(e.relative(), "read (" + format.name() + ", " + read.samples.size() + " samples)");
    }

    private static CyclerFormat formatOf(Entry e) throws IOException {
        String mapping = RealCorpus.MAPPINGS.get(e.relative());
        if (mapping == null) {
            return CyclerFormats.detect(e.path());
        }
        Path yaml = Files.writeString(mappings.resolve(e.path().getFileName() + ".yaml"), mapping);
        return new GenericCsvFormat(ColumnMapping.read(yaml));
    }

    private static void assertRefusedAsNotCycling(Entry e, Optional<NotCycling> listed, IOException refused) {
        String name = e.path().getFileName().toString();
        assertThat(RealCorpus.BATTERY_TECHNIQUE_PREFIXES)
                .as("%s is a battery technique's file and must be read, but: %s", name, refused.getMessage())
                .noneMatch(name::startsWith);
        if (listed.isPresent()) {
            assertThat(refused.getMessage()).contains(listed.get().error());
            OUTCOMES.put(e.relative(), "not cycling data (" + listed.get().technique() + ")");
        } else {
            // A file the table does not list yet (held-back data): refused only as not cycling data.
            assertThat(refused.getMessage())
                    .as("%s could not be read", e.relative())
                    .contains("not battery-cycling data");
            OUTCOMES.put(e.relative(), "not cycling data, not in the README table yet (" + refused.getMessage() + ")");
        }
    }

    private static void sameAsTheVendorRowForRow(Path file, String format, List<Sample> samples) throws IOException {
        VendorTable table = VendorTable.read(file);
        VendorColumns vendor = VENDOR_COLUMNS.get(format);
        assertThat(vendor).as("vendor columns of format %s", format).isNotNull();
        assertThat(samples).as("one sample per data row").hasSize(table.rows().size());
        double voltageFactor = voltageFactor(format, table, vendor);
        boolean hasCurrent = vendor.current() != null && present(table, vendor.current());
        boolean hasCycle = vendor.cycle() != null && present(table, vendor.cycle());
        for (int i = 0; i < samples.size(); i++) {
            String[] row = table.rows().get(i);
            Sample s = samples.get(i);
            String where = file.getFileName() + " data row " + (i + 1);
            same(s.voltageV(), value(table, row, vendor.voltage()) * voltageFactor, where, "voltage");
            if (hasCurrent) {
                same(s.currentA(), value(table, row, vendor.current()), where, "current");
            }
            if (hasCycle) {
                same((double) s.cycleIndex(), value(table, row, vendor.cycle()), where, "cycle");
            }
            if (vendor.charge() != null) {
                same(s.chargeCapacityAh(), Math.abs(value(table, row, vendor.charge())), where, "charge");
                same(s.dischargeCapacityAh(), Math.abs(value(table, row, vendor.discharge())), where, "discharge");
            }
        }
    }

    private static boolean present(VendorTable table, Ref ref) {
        return table.column(ref.names().toArray(String[]::new)) >= 0;
    }

    /** Maccor's milli profile writes millivolts under "Volts" in some exports: no cell reads 50 V. */
    private static double voltageFactor(String format, VendorTable table, VendorColumns vendor) {
        boolean milliProfile = format.equals("maccor") && table.column("mAmps") >= 0;
        boolean millivolts = milliProfile
                && !table.rows().isEmpty()
                && Math.abs(value(table, table.rows().get(0), vendor.voltage())) > 50;
        return millivolts ? 1e-3 : 1;
    }

    private static double value(VendorTable table, String[] row, Ref ref) {
        for (int i = 0; i < ref.names().size(); i++) {
            int column = table.column(ref.names().get(i));
            if (column >= 0) {
                return VendorTable.number(row, column) * ref.factors().get(i);
            }
        }
        throw new AssertionError("none of " + ref.names() + " in the header " + table.header());
    }

    /** Checked without AssertJ per value: a file has up to 10,000 rows of five values each. */
    private static void same(Double actual, double expected, String where, String what) {
        if (actual == null || Math.abs(actual - expected) > RELATIVE * Math.max(1, Math.abs(expected))) {
            throw new AssertionError(where + " " + what + ": read " + actual + ", the vendor wrote " + expected);
        }
    }
}
