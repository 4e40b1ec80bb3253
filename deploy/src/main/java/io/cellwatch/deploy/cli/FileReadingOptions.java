package io.cellwatch.deploy.cli;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.generic.ColumnMapping;
import io.cellwatch.ingest.format.text.TimeValues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Iterator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How commands that read cycler files ({@code replay}, {@code ingest --follow}) read them: the
 * format (detected unless forced), a column mapping for {@code generic}, and the channel metadata
 * from flags ({@link CellOptions} and the file-only ones here) or a channels file.
 */
public final class FileReadingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--format",
            paramLabel = "NAME",
            description = "Force a format instead of detecting it. Known: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FormatNames.class)
    String format;

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "Column-mapping YAML for files no format knows (implies --format generic).")
    Path mapping;

    @Option(
            names = "--channels-file",
            paramLabel = "FILE",
            description = "CSV mapping files to channel ids and cell metadata (columns file, channel, cell_type, "
                    + "ce_convention, area_cm2, mass_g, nominal_ah, chemistry, protocol, group).")
    Path channelsFile;

    /** The cell flags, for every file's cell. */
    @Mixin
    CellOptions cell;

    @Option(names = "--mass-g", paramLabel = "G", description = "Active material mass in g.")
    Double massG;

    @Option(names = "--nominal-ah", paramLabel = "AH", description = "Nominal capacity in Ah.")
    Double nominalAh;

    @Option(
            names = "--ce-convention",
            paramLabel = "CONV",
            description = "discharge-over-charge (cathode, default) or charge-over-discharge (anode: "
                    + "delithiation over lithiation for anode half cells).")
    String ceConvention;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "Time zone of wall-clock stamps written without one (default: ${DEFAULT-VALUE}).")
    String timezone;

    @Option(
            names = "--date-order",
            paramLabel = "ORDER",
            defaultValue = "month-first",
            description = "Which field of a slashed date (03/04/2021) is the month: month-first (a PC set to a US "
                    + "locale, the default) or day-first (UK, French, Spanish, Italian, Australian locales). "
                    + "Dotted dates (23.08.2021) are always day first.")
    String dateOrder;

    @Option(
            names = "--clock-format",
            paramLabel = "PATTERN",
            description = "A form of wall-clock stamps of the lab's own, as a java.time pattern "
                    + "('yyyyMMdd HHmmss', 'dd-MM-yyyy HH.mm.ss'), tried first on each file; a file whose first "
                    + "stamp it does not read is read in the forms cyclers commonly write.")
    String clockFormat;

    /** The forced format, or null to detect each file's. */
    public CyclerFormat forcedFormat() throws IOException {
        if (mapping != null) {
            if (format != null && !format.equalsIgnoreCase("generic")) {
                throw new ParameterException(
                        mixee.commandLine(), "--mapping goes with --format generic, not --format " + format);
            }
            return CyclerFormats.byName("generic", ColumnMapping.read(mapping));
        }
        if (format == null) {
            return null;
        }
        try {
            return CyclerFormats.byName(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** The channel catalog from the flags and the channels file. */
    public ChannelCatalog catalog() throws IOException {
        ChannelOverrides flags;
        ZoneId zone;
        try {
            flags = cell.overrides(massG, nominalAh, ceConvention);
            zone = ZoneId.of(timezone);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        if (clockFormat != null) {
            try {
                TimeValues.userForm(clockFormat);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        mixee.commandLine(),
                        "--clock-format '" + clockFormat + "' is not a java.time pattern of a date and time: "
                                + e.getMessage());
            }
        }
        return ChannelCatalog.of(channelsFile, flags, zone, dateOrder(), clockFormat);
    }

    private TimeValues.DateOrder dateOrder() {
        return switch (dateOrder) {
            case "month-first" -> TimeValues.DateOrder.MONTH_FIRST;
            case "day-first" -> TimeValues.DateOrder.DAY_FIRST;
            default ->
                throw new ParameterException(
                        mixee.commandLine(), "--date-order is month-first or day-first, not '" + dateOrder + "'");
        };
    }

    /** Format names for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CyclerFormats.names().iterator();
        }
    }
}
