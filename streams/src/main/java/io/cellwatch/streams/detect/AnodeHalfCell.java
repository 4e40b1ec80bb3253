package io.cellwatch.streams.detect;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;

/**
 * What an anode half cell (an anode material against lithium metal) is, as its metadata declare it and
 * as its voltages show it.
 */
public final class AnodeHalfCell {
    private AnodeHalfCell() {}

    /**
     * The highest mean step voltage (either sign: the electrodes may be written in either order) of an
     * anode half cell, V. Anode materials react against lithium below about 1.6 V (graphite ~0.1 V, silicon
     * ~0.4 V, tin and indium alloys 0.4–0.7 V, lithium titanate 1.55 V, titanium niobate ~1.6 V); what
     * reacts higher is a cathode material (sulfur ~2.1 V, LiFePO4 3.45 V, layered oxides 3.7–3.9 V) or a
     * full cell. 2.0 V leaves a high rate's overpotential over the highest anode and stays under the lowest
     * cathode. Those are the intercalation and alloy anodes; conversion anodes (Co3O4, CuO, MoS2) and
     * anatase TiO2 give out their lithium at 2.0–2.3 V, on the delithiation only, so a cycle is taken for
     * another cell's only when both its steps ran above the limit. Full cells of low voltage (Li4Ti5O12
     * against LiFePO4, ~1.8 V) run under it and cannot be told from an anode half cell this way.
     */
    public static final double MAX_MEAN_VOLTAGE_V = 2.0;

    /** Whether the channel declares an anode half cell: a half cell whose CE is Q_charge / Q_discharge. */
    public static boolean declared(ChannelInfo channel) {
        return channel.cellType() == CellType.HALF && channel.ceConvention() == CeConvention.CHARGE_OVER_DISCHARGE;
    }

    /** Whether a step's mean voltage (null: unknown) can be an anode's against lithium. */
    public static boolean atAnodeVoltage(Double meanV) {
        return meanV == null || !(Math.abs(meanV) > MAX_MEAN_VOLTAGE_V);
    }
}
