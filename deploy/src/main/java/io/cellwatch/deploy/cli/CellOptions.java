package io.cellwatch.deploy.cli;

import io.cellwatch.ingest.channels.ChannelOverrides;
import picocli.CommandLine.Option;

/**
 * What a user says about a cell on the command line: {@code replay}, {@code ingest --follow} (through
 * {@link FileReadingOptions}) and {@code detection-config} take these alike.
 */
public final class CellOptions {
    @Option(names = "--cell-type", paramLabel = "TYPE", description = "full (default), half or symmetric.")
    String cellType;

    @Option(names = "--chemistry", paramLabel = "TEXT", description = "Cell chemistry, e.g. 'NCM622|Li6PS5Cl|Li-In'.")
    String chemistry;

    @Option(names = "--area-cm2", paramLabel = "CM2", description = "Electrode area in cm² (step-up tests need it).")
    Double areaCm2;

    @Option(names = "--protocol", paramLabel = "NAME", description = "cycling (default) or step-up.")
    String protocol;

    @Option(
            names = "--group",
            paramLabel = "NAME",
            description = "Replicate group of the cell: cells of one group (built alike, run on one protocol side by"
                    + " side) are compared cycle by cycle, and a cell leaving its group alerts. Detection-config"
                    + " rules may match on it.")
    String group;

    /**
     * What these flags and the file-only ones say (null: the flag was not given).
     *
     * @throws IllegalArgumentException naming the flag whose value is not one cellwatch knows
     */
    ChannelOverrides overrides(Double massG, Double nominalAh, String ceConvention) {
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
}
