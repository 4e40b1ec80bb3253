package io.cellwatch.ingest.format;

import io.cellwatch.ingest.format.arbin.ArbinCsvFormat;
import io.cellwatch.ingest.format.arbin.res.ArbinResFormat;
import io.cellwatch.ingest.format.basytec.BasytecFormat;
import io.cellwatch.ingest.format.batteryarchive.BatteryArchiveFormat;
import io.cellwatch.ingest.format.bdf.BdfFormat;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.biologic.EcLabTextFormat;
import io.cellwatch.ingest.format.biologic.mpr.EcLabMprFormat;
import io.cellwatch.ingest.format.digatron.DigatronFormat;
import io.cellwatch.ingest.format.generic.ColumnMapping;
import io.cellwatch.ingest.format.generic.GenericCsvFormat;
import io.cellwatch.ingest.format.landt.LandtFormat;
import io.cellwatch.ingest.format.maccor.MaccorCsvFormat;
import io.cellwatch.ingest.format.maccor.MaccorTextFormat;
import io.cellwatch.ingest.format.neware.NewareBtsdaFormat;
import io.cellwatch.ingest.format.neware.NewareChineseFormat;
import io.cellwatch.ingest.format.neware.NewareCsvFormat;
import io.cellwatch.ingest.format.neware.NewareDetailFormat;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import io.cellwatch.ingest.format.novonix.NovonixFormat;
import io.cellwatch.ingest.format.simcsv.SimCsvFormat;
import io.cellwatch.ingest.format.summary.CycleSummaryCsvFormat;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.TextEncoding;
import io.cellwatch.ingest.format.text.TextFiles;
import io.cellwatch.ingest.format.xlsx.WorkbookFormat;
import io.cellwatch.ingest.format.xlsx.XlsFormat;
import io.cellwatch.ingest.format.xlsx.XlsxFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The formats cellwatch reads, and detection of which one a file is in. Detection tries them in
 * order, most specific first: a file whose first lines match none is an error listing every format
 * tried. {@code generic} is never detected: it needs a mapping file.
 */
public final class CyclerFormats {
    /** Lines read from the top of a file to recognise its format. */
    public static final int SNIFF_LINES = 20;

    /** Binary formats, recognised by their magic bytes before any text format is tried. */
    private static final List<BinaryCyclerFormat> BINARY = List.of(
            new ArbinResFormat(),
            new EcLabMprFormat(),
            new NdaFormat(),
            new NdaxFormat(),
            new XlsxFormat(),
            new XlsFormat());

    private static final List<CyclerFormat> TEXT = List.of(
            new SimCsvFormat(),
            new MaccorTextFormat(),
            new MaccorCsvFormat(),
            new EcLabTextFormat(),
            new NewareBtsdaFormat(),
            new NewareCsvFormat(),
            new NewareChineseFormat(),
            new NewareDetailFormat(),
            new BatteryArchiveFormat(),
            new ArbinCsvFormat(),
            new BdfFormat(),
            new NovonixFormat(),
            new BasytecFormat(),
            new DigatronFormat(),
            new LandtFormat(),
            new CycleSummaryCsvFormat());

    private static final List<CyclerFormat> DETECTED =
            Stream.concat(BINARY.stream(), TEXT.stream()).toList();

    private CyclerFormats() {}

    /** Every format that detection tries, in the order it tries them. */
    public static List<CyclerFormat> all() {
        return DETECTED;
    }

    /** The kinds of Excel workbook ({@code xlsx}, {@code xls}), whose sheets a forced text format can read. */
    public static List<WorkbookFormat> workbooks() {
        return BINARY.stream()
                .filter(WorkbookFormat.class::isInstance)
                .map(WorkbookFormat.class::cast)
                .toList();
    }

    /** Every format name users can pass to {@code --format}, {@code generic} included. */
    public static List<String> names() {
        return Stream.concat(DETECTED.stream().map(CyclerFormat::name), Stream.of(GenericCsvFormat.NAME))
                .toList();
    }

    /**
     * The format called {@code name}; {@code generic} needs the mapping.
     *
     * @throws IllegalArgumentException for an unknown name, or {@code generic} without a mapping
     */
    public static CyclerFormat byName(String name, ColumnMapping mapping) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals(GenericCsvFormat.NAME)) {
            if (mapping == null) {
                throw new IllegalArgumentException("format 'generic' needs a column-mapping file (--mapping FILE)");
            }
            return new GenericCsvFormat(mapping);
        }
        return DETECTED.stream()
                .filter(f -> f.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown format '" + name + "'; known formats: " + String.join(", ", names())));
    }

    /** {@link #byName(String, ColumnMapping)} without a mapping. */
    public static CyclerFormat byName(String name) {
        return byName(name, null);
    }

    /**
     * The format forced with {@code --format} for a file. A text format forced on an Excel workbook reads its
     * data sheet ({@link WorkbookFormat#readingSheetsAs}); on another binary cycler file (an {@code .res}) it is
     * refused with a reason: read as text, the file's bytes made the text reader report a missing column.
     */
    public static CyclerFormat forced(CyclerFormat forced, Path file) throws IOException {
        if (forced instanceof BinaryCyclerFormat) {
            return forced;
        }
        return forcedOn(forced, file, recogniseBinary(file, firstBytes(file)));
    }

    /**
     * What the text format {@code forced} reads a file as, given the binary format its first bytes are
     * ({@code binary}, empty for a text file): the file as that text format, a workbook's data sheet in it, and
     * any other binary cycler file refused, saying what to do.
     *
     * @throws FileFormatException for a binary file other than a workbook, naming the file
     */
    public static CyclerFormat forcedOn(CyclerFormat forced, Path file, Optional<BinaryCyclerFormat> binary)
            throws FileFormatException {
        if (binary.isEmpty()) {
            return forced;
        }
        if (binary.get() instanceof WorkbookFormat workbook) {
            return workbook.readingSheetsAs(forced);
        }
        String name = binary.get().name();
        throw new FileFormatException(
                file,
                0,
                "a binary file (" + name + "): --format " + forced.name() + " reads text files. Leave --format out"
                        + " (or give --format " + name + ") and it is read as " + name);
    }

    /** The format of a file, or an IOException listing every format tried. */
    public static CyclerFormat detect(Path file) throws IOException {
        Optional<BinaryCyclerFormat> binary = recogniseBinary(file, firstBytes(file));
        if (binary.isPresent()) {
            return binary.get();
        }
        Optional<String> unreadable = TextEncoding.unreadable(TextEncoding.head(file));
        if (unreadable.isPresent()) {
            throw new FileFormatException(file, 1, unreadable.get());
        }
        Optional<CyclerFormat> found = recognise(file, TextFiles.firstLines(file, SNIFF_LINES));
        if (found.isPresent()) {
            return found.get();
        }
        throw new IOException(unrecognised(file));
    }

    /** Up to {@link BinaryCyclerFormat#SNIFF_BYTES} bytes from the top of a file, fewer for a short one. */
    public static byte[] firstBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(BinaryCyclerFormat.SNIFF_BYTES);
        }
    }

    /** The binary format whose magic bytes these are. */
    public static Optional<BinaryCyclerFormat> recogniseBinary(Path file, byte[] head) {
        for (BinaryCyclerFormat format : BINARY) {
            if (format.recognisesBytes(file, head)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The first text format that recognises these first lines of a file. */
    public static Optional<CyclerFormat> recognise(Path file, List<String> firstLines) {
        for (CyclerFormat format : TEXT) {
            if (format.recognises(file, firstLines)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The message for a file no format recognises. */
    public static String unrecognised(Path file) {
        String tried = DETECTED.stream()
                .map(f -> f.name() + " (" + f.description() + ")")
                .collect(Collectors.joining("; "));
        return String.format(
                Locale.ROOT,
                "%s: unrecognised file format. Formats tried: %s. Use --format to force one, or --format generic "
                        + "--mapping FILE for any other delimited file.",
                file,
                tried);
    }
}
