package io.cellwatch.deploy.cli;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.generic.ColumnMapping;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How commands that read cycler files ({@code replay}, {@code ingest --follow}) read them: the
 * format (detected unless forced), a column mapping for {@code generic}, and the channel metadata
 * from flags or a channels file.
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

    @Option(names = "--cell-type", paramLabel = "TYPE", description = "full, half or symmetric (every file).")
    String cellType;

    @Option(names = "--chemistry", paramLabel = "TEXT", description = "Cell chemistry, e.g. 'NCM622|Li6PS5Cl|Li-In'.")
    String chemistry;

    @Option(names = "--area-cm2", paramLabel = "CM2", description = "Electrode area in cm².")
    Double areaCm2;

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

    @Option(names = "--protocol", paramLabel = "NAME", description = "cycling (default) or step-up.")
    String protocol;

    @Option(
            names = "--group",
            paramLabel = "NAME",
            description = "Replicate group of every file's cell: cells of one group (built alike, run on one "
                    + "protocol side by side) are compared cycle by cycle, and a cell leaving its group alerts.")
    String group;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "Time zone of wall-clock stamps written without one (default: ${DEFAULT-VALUE}).")
    String timezone;

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
            flags = cellFlags(cellType, chemistry, areaCm2, massG, nominalAh, protocol, ceConvention, group);
            zone = ZoneId.of(timezone);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        return ChannelCatalog.of(channelsFile, flags, zone);
    }

    /**
     * What the cell flags of a command say (null: the flag was not given), as {@code replay},
     * {@code ingest --follow} and {@code detection-config} read them.
     *
     * @throws IllegalArgumentException naming the flag whose value is not one cellwatch knows
     */
    static ChannelOverrides cellFlags(
            String cellType,
            String chemistry,
            Double areaCm2,
            Double massG,
            Double nominalAh,
            String protocol,
            String ceConvention,
            String group) {
        return new ChannelOverrides(
                cellType == null ? null : ChannelOverrides.cellType(cellType),
                chemistry,
                areaCm2 == null ? null : ChannelOverrides.positive(areaCm2.toString(), "--area-cm2"),
                massG == null ? null : ChannelOverrides.positive(massG.toString(), "--mass-g"),
                nominalAh == null ? null : ChannelOverrides.positive(nominalAh.toString(), "--nominal-ah"),
                protocol == null ? null : ChannelOverrides.protocol(protocol),
                ceConvention == null ? null : ChannelOverrides.ceConvention(ceConvention),
                group);
    }

    /** Format names for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CyclerFormats.names().iterator();
        }
    }
}
