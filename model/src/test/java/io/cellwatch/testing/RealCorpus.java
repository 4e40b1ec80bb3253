package io.cellwatch.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Every file under the real-data root ({@link RealData#root()}), sorted into what it is: a cycler
 * export cellwatch must read, a binary cycler file (read once a reader recognises it), or a
 * companion that is not a cycler export at all (peer values, reference frames, the cycler
 * software's protocol and log files, licences). Cycler exports and raw files that are not
 * battery-cycling data are listed in {@link #NOT_CYCLING} with the reason and the error a user gets:
 * that list is the README's table. Tests walk whatever is present; some files are held back and may appear later.
 */
public final class RealCorpus {
    private RealCorpus() {}

    /** What a file under the real-data root is. */
    public enum Kind {
        /** A text export written by cycler software: read by a reader, or refused as not cycling data. */
        EXPORT,
        /** A binary file written by cycler software ({@code .mpr}, {@code .res}, {@code .nda}, {@code .ndax}). */
        BINARY,
        /** Not a cycler export: peer values, reference frames, protocol/log files, documentation. */
        COMPANION
    }

    /** One file, with its path relative to the root ({@code binary/yadg/mb.mpt}) and why it is a companion. */
    public record Entry(Path path, String relative, Kind kind, String companionOf) {}

    /**
     * A cycler export or raw file that is not battery-cycling data.
     *
     * @param file      path relative to the root
     * @param technique what it records
     * @param reason    why cellwatch does not read it
     * @param error     what {@code replay} says (a part of its error line)
     */
    public record NotCycling(String file, String technique, String reason, String error) {}

    private static final String IMPEDANCE = "impedance spectra over a frequency sweep: no charge or discharge";
    private static final String VOLTAMMETRY = "potential sweeps: its cycles are sweeps, not charge and discharge";

    /** The README's table of real exports and raw files cellwatch does not read, and why. */
    public static final List<NotCycling> NOT_CYCLING = List.of(
            ecLab("binary/yadg/cv.mpt", "CV (Cyclic Voltammetry), EC-Lab 11.12", VOLTAMMETRY, "Cyclic Voltammetry"),
            ecLab("binary/yadg/cv.issue_149.mpt", "CV, EC-Lab 11.50", VOLTAMMETRY, "Cyclic Voltammetry"),
            ecLab("binary/yadg/cv.issue_217.mpt", "CV, EC-Lab 11.52 (UTF-8)", VOLTAMMETRY, "Cyclic Voltammetry"),
            ecLab(
                    "binary/yadg/cva.issue_202.mpt",
                    "CVA (Cyclic Voltammetry Advanced), EC-Lab 11.52",
                    VOLTAMMETRY,
                    "Cyclic Voltammetry Advanced"),
            ecLab(
                    "binary/yadg/lsv.mpt",
                    "LSV (Linear Sweep Voltammetry), EC-Lab 11.33",
                    "a single potential sweep",
                    "Linear Sweep Voltammetry"),
            ecLab("binary/yadg/lsv.issue_195.mpt", "LSV, EC-Lab 11.50", "a single potential sweep", "Linear Sweep"),
            ecLab(
                    "binary/yadg/peis.mpt",
                    "PEIS (Potentio Electrochemical Impedance Spectroscopy), EC-Lab 11.33",
                    IMPEDANCE,
                    "Potentio Electrochemical Impedance Spectroscopy"),
            ecLab("binary/yadg/peis.issue_149.mpt", "PEIS, EC-Lab 11.50", IMPEDANCE, "Potentio Electrochemical"),
            ecLab(
                    "binary/yadg/peis.issue_225.ewe_ece.mpt",
                    "PEIS, EC-Lab 11.61",
                    IMPEDANCE,
                    "Potentio Electrochemical"),
            ecLab("binary/yadg/peis.issue_225.no_ece.mpt", "PEIS, EC-Lab 11.61", IMPEDANCE, "Potentio Electrochemical"),
            ecLab(
                    "binary/yadg/peis.issue_225.with_ece.mpt",
                    "PEIS, EC-Lab 11.61",
                    IMPEDANCE,
                    "Potentio Electrochemical"),
            new NotCycling(
                    "binary/yadg/vsp_peis_with.mpt",
                    "PEIS, exported without the preamble",
                    IMPEDANCE,
                    "not battery-cycling data: an impedance spectroscopy export"),
            ecLab(
                    "binary/yadg/geis.mpt",
                    "GEIS (Galvano Electrochemical Impedance Spectroscopy), EC-Lab 11.33",
                    IMPEDANCE,
                    "Galvano Electrochemical Impedance Spectroscopy"),
            ecLab("binary/yadg/geis.issue_149.mpt", "GEIS, EC-Lab 11.50", IMPEDANCE, "Galvano Electrochemical"),
            ecLab(
                    "binary/yadg/zir.mpt",
                    "ZIR (IR compensation by PEIS), EC-Lab 11.18",
                    "one impedance measurement to set the ohmic drop",
                    "IR compensation (PEIS)"),
            ecLab(
                    "binary/yadg/wait.mpt",
                    "WAIT, EC-Lab 11.33",
                    "a timed pause between techniques; this export has no data rows",
                    "Wait'"),
            // The raw files of the same runs, refused from the technique byte with their export's reason.
            raw("cv", "CV", 6, VOLTAMMETRY, "Cyclic Voltammetry"),
            raw("cv.issue_149", "CV", 6, VOLTAMMETRY, "Cyclic Voltammetry"),
            raw("cv.issue_217", "CV", 6, VOLTAMMETRY, "Cyclic Voltammetry"),
            raw("cva.issue_202", "CVA", 51, VOLTAMMETRY, "Cyclic Voltammetry Advanced"),
            raw("lsv", "LSV", 108, "a single potential sweep", "Linear Sweep Voltammetry"),
            raw("lsv.issue_195", "LSV", 108, "a single potential sweep", "Linear Sweep Voltammetry"),
            raw("peis", "PEIS", 29, IMPEDANCE, "Potentio Electrochemical Impedance Spectroscopy"),
            raw("peis.issue_149", "PEIS", 29, IMPEDANCE, "Potentio Electrochemical Impedance Spectroscopy"),
            raw("peis.issue_225.ewe_ece", "PEIS", 29, IMPEDANCE, "Potentio Electrochemical Impedance Spectroscopy"),
            raw("peis.issue_225.no_ece", "PEIS", 29, IMPEDANCE, "Potentio Electrochemical Impedance Spectroscopy"),
            raw("peis.issue_225.with_ece", "PEIS", 29, IMPEDANCE, "Potentio Electrochemical Impedance Spectroscopy"),
            raw("vsp_peis_with", "PEIS", 29, IMPEDANCE, "Potentio Electrochemical Impedance Spectroscopy"),
            raw("geis", "GEIS", 30, IMPEDANCE, "Galvano Electrochemical Impedance Spectroscopy"),
            raw("geis.issue_149", "GEIS", 30, IMPEDANCE, "Galvano Electrochemical Impedance Spectroscopy"),
            raw("zir", "ZIR", 50, "one impedance measurement to set the ohmic drop", "IR compensation (PEIS)"),
            raw("wait", "WAIT", 28, "a timed pause between techniques; this file has no data rows", "Wait"),
            new NotCycling(
                    "datalab-insitu/time-integral-metal02.txt",
                    "in-situ ⁷Li NMR peak intensities over time (beside the Li‖Li cell's GCPL export)",
                    "not written by a cycler",
                    "unrecognised file format"));

    /**
     * Exports a user reads with a mapping, because their columns do not say everything: the Li‖Li
     * GCPL export has no current column (0.4 mA constant, from its {@code .mps} protocol).
     */
    public static final Map<String, String> MAPPINGS =
            Map.of("datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05.txt", """
            delimiter: "\\t"
            columns:
              testTime: time/s
              voltage: Ewe/V
            constantCurrent: {value: 0.4, unit: mA}
            """);

    /**
     * The file-name prefixes of the EC-Lab battery techniques among the exports (yadg names its test
     * files after the technique): GCPL, MB, CP, CA, BCD, CoV, CoC, OCV. None may ever be refused.
     */
    public static final List<String> BATTERY_TECHNIQUE_PREFIXES =
            List.of("gcpl.", "mb.", "cp.", "ca.", "bcd.", "cov.", "coc.", "ocv.", "vsp_ocv");

    /** Companion files, by glob on the path relative to the root, with what they are. */
    private static final List<Map.Entry<String, String>> COMPANIONS = List.of(
            Map.entry("**.md", "documentation"),
            Map.entry("**/LICENSE*", "licence"),
            Map.entry("**.beep-*.csv", "beep's output (peer values)"),
            Map.entry("**/BEEPDatapath_*", "beep's output (peer values)"),
            Map.entry("**_structure*.json", "beep's output (peer values)"),
            Map.entry("**.cellpy-*.csv", "cellpy's output (peer values)"),
            Map.entry("**/goldens/**", "cellpy's regression oracles (peer values)"),
            Map.entry("**.vendor-cycle-summary.csv", "the cycler software's cycle rows (peer values)"),
            Map.entry("**.recomputed*.csv", "an independent recomputation (regression values)"),
            Map.entry("**-summary.csv", "a provider's per-cycle summary (peer values)"),
            Map.entry("**.{ftr,parquet,csv.gz}", "a peer's reference frame"),
            Map.entry("**.zip", "a zipped binary file"),
            Map.entry("**.mps", "EC-Lab settings (the protocol, no measurements)"),
            Map.entry("**.mpl", "EC-Lab log (events, no measurements)"),
            Map.entry("**_LOOP.txt", "EC-Lab loop index (row numbers, no measurements)"));

    private static final PathMatcher BINARY = FileSystems.getDefault().getPathMatcher("glob:**.{mpr,res,nda,ndax}");

    /** Every file under the root, sorted; skips the calling test when the root is absent. */
    public static List<Entry> entries() {
        Path root = RealData.root();
        assumeTrue(
                Files.isDirectory(root),
                () -> "real cycler data not found at " + root
                        + " (set -Dcellwatch.realData=DIR or CELLWATCH_REAL_DATA to the shared/data/real folder)");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> entry(root, p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One dynamic test per file of a kind, named by its path under the root. */
    public static Stream<DynamicTest> tests(Kind kind, ThrowingConsumer<Entry> check) {
        return entries(kind).stream().map(e -> DynamicTest.dynamicTest(e.relative(), () -> check.accept(e)));
    }

    /** The entries of one kind. */
    public static List<Entry> entries(Kind kind) {
        return entries().stream().filter(e -> e.kind() == kind).toList();
    }

    /** The README table row of a file, if it is listed. */
    public static Optional<NotCycling> notCycling(String relative) {
        return NOT_CYCLING.stream().filter(n -> n.file().equals(relative)).findFirst();
    }

    private static Entry entry(Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        Path rel = Path.of(relative);
        for (Map.Entry<String, String> c : COMPANIONS) {
            if (FileSystems.getDefault().getPathMatcher("glob:" + c.getKey()).matches(rel)
                    || FileSystems.getDefault()
                            .getPathMatcher("glob:" + c.getKey().replace("**/", ""))
                            .matches(rel)) {
                return new Entry(file, relative, Kind.COMPANION, c.getValue());
            }
        }
        return new Entry(file, relative, BINARY.matches(rel) ? Kind.BINARY : Kind.EXPORT, null);
    }

    /**
     * EC-Lab's raw file ({@code .mpr}) of a run whose export is listed: refused from the technique
     * byte of its settings module, with the reason its export gets.
     */
    private static NotCycling raw(String stem, String technique, int id, String reason, String name) {
        return new NotCycling(
                "binary/yadg/" + stem + ".mpr",
                technique + ", raw file (technique byte " + id + ")",
                reason,
                "not battery-cycling data: EC-Lab technique '" + name + "'");
    }

    private static NotCycling ecLab(String file, String technique, String reason, String techniqueInError) {
        return new NotCycling(
                file, technique, reason, "not battery-cycling data: EC-Lab technique '" + techniqueInError);
    }
}
