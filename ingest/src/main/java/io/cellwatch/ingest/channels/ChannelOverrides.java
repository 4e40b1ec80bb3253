package io.cellwatch.ingest.channels;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import java.util.Locale;

/**
 * What a lab tells cellwatch about a channel's cell, from command-line flags or a channels file,
 * including the replicate group it is compared with ({@code group}). Every field is optional; {@link #over} lays the given ones over what was known before.
 */
public record ChannelOverrides(
        CellType cellType,
        String chemistry,
        Double electrodeAreaCm2,
        Double activeMassG,
        Double nominalCapacityAh,
        TestProtocol protocol,
        CeConvention ceConvention,
        String group) {

    public static final ChannelOverrides NONE = new ChannelOverrides(null, null, null, null, null, null, null, null);

    /** {@code base} with every field given here replacing its own; the channel id is kept. */
    public ChannelInfo applyTo(ChannelInfo base) {
        return new ChannelInfo(
                base.schemaVersion(),
                base.channelId(),
                cellType != null ? cellType : base.cellType(),
                chemistry != null ? chemistry : base.chemistry(),
                electrodeAreaCm2 != null ? electrodeAreaCm2 : base.electrodeAreaCm2(),
                activeMassG != null ? activeMassG : base.activeMassG(),
                nominalCapacityAh != null ? nominalCapacityAh : base.nominalCapacityAh(),
                protocol != null ? protocol : base.protocol(),
                ceConvention != null ? ceConvention : base.ceConvention(),
                group != null ? group : base.group());
    }

    /** These overrides with {@code higher}'s given fields replacing them. */
    public ChannelOverrides under(ChannelOverrides higher) {
        return new ChannelOverrides(
                higher.cellType != null ? higher.cellType : cellType,
                higher.chemistry != null ? higher.chemistry : chemistry,
                higher.electrodeAreaCm2 != null ? higher.electrodeAreaCm2 : electrodeAreaCm2,
                higher.activeMassG != null ? higher.activeMassG : activeMassG,
                higher.nominalCapacityAh != null ? higher.nominalCapacityAh : nominalCapacityAh,
                higher.protocol != null ? higher.protocol : protocol,
                higher.ceConvention != null ? higher.ceConvention : ceConvention,
                higher.group != null ? higher.group : group);
    }

    /** {@code full}, {@code half} or {@code symmetric}, any case. */
    public static CellType cellType(String text) {
        try {
            return CellType.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a cell type (full, half, symmetric)");
        }
    }

    /**
     * {@code discharge-over-charge} (alias {@code cathode}, {@code full}) or {@code charge-over-discharge}
     * (alias {@code anode}: delithiation over lithiation for anode half cells against Li).
     */
    public static CeConvention ceConvention(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "discharge-over-charge", "cathode", "full", "qd/qc" -> CeConvention.DISCHARGE_OVER_CHARGE;
            case "charge-over-discharge", "anode", "qc/qd" -> CeConvention.CHARGE_OVER_DISCHARGE;
            default ->
                throw new IllegalArgumentException("'" + text + "' is not a CE convention "
                        + "(discharge-over-charge or cathode; charge-over-discharge or anode)");
        };
    }

    /** {@code cycling} or {@code step-up}. */
    public static TestProtocol protocol(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "cycling" -> TestProtocol.CYCLING;
            case "step-up", "stepup", "ccd" -> TestProtocol.STEP_UP;
            default -> throw new IllegalArgumentException("'" + text + "' is not a protocol (cycling, step-up)");
        };
    }

    /** A positive finite number, for areas, masses and capacities. */
    public static double positive(String text, String what) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (" + what + ")");
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, was " + text);
        }
        return v;
    }
}
