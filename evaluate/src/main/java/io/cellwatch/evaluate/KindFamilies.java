package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import io.cellwatch.simulator.lab.FaultFamily;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which fault family each alert kind reports. A detection counts only when the alert's kind belongs
 * to the scenario's fault family: a capacity-fade warning on a shorting cell is not a detection of
 * the short, and a hard-short alert on a cell whose soft short began cycles earlier says only that
 * the cell is already dead (it is listed, not counted). Kinds not in the table (new kinds, data-quality
 * events) report no fault: they never count as a detection, and on a healthy channel they are false
 * alarms like any other alert.
 *
 * <pre>
 * soft_short_capacity_divergence  soft short
 * soft_short_ce_fluctuation       soft short
 * imminent_short                  soft short   (the endless charge of a leak taking the charge current)
 * voltage_drop                    soft short   (sudden drops with partial recovery: a filament)
 * overpotential_collapse          soft short   (symmetric: η collapsing with growing noise)
 * hard_short                      hard short
 * critical_current_density        CCD
 * overpotential_drift             overpotential
 * capacity_fade                   capacity loss
 * </pre>
 */
public final class KindFamilies {
    private static final Map<String, FaultFamily> BY_WIRE_NAME = table();

    private KindFamilies() {}

    private static Map<String, FaultFamily> table() {
        Map<String, FaultFamily> m = new LinkedHashMap<>();
        m.put("soft_short_capacity_divergence", FaultFamily.SOFT_SHORT);
        m.put("soft_short_ce_fluctuation", FaultFamily.SOFT_SHORT);
        m.put("imminent_short", FaultFamily.SOFT_SHORT);
        m.put("voltage_drop", FaultFamily.SOFT_SHORT);
        m.put("overpotential_collapse", FaultFamily.SOFT_SHORT);
        m.put("hard_short", FaultFamily.HARD_SHORT);
        m.put("critical_current_density", FaultFamily.CRITICAL_CURRENT_DENSITY);
        m.put("overpotential_drift", FaultFamily.OVERPOTENTIAL);
        m.put("capacity_fade", FaultFamily.CAPACITY_LOSS);
        return Map.copyOf(m);
    }

    /** The family an alert of this kind reports; {@link FaultFamily#NONE} for kinds not in the table. */
    public static FaultFamily familyOf(AlertKind kind) {
        return BY_WIRE_NAME.getOrDefault(kind.wireName(), FaultFamily.NONE);
    }

    /** True when an alert of this kind is a detection of a fault of this family. */
    public static boolean detects(AlertKind kind, FaultFamily family) {
        return family != FaultFamily.NONE && familyOf(kind) == family;
    }

    /** The mapping, as the report prints it (kind wire name → family), in AlertKind order. */
    public static Map<String, FaultFamily> table(boolean includeUnmapped) {
        Map<String, FaultFamily> out = new LinkedHashMap<>();
        for (AlertKind kind : AlertKind.values()) {
            FaultFamily family = familyOf(kind);
            if (includeUnmapped || family != FaultFamily.NONE) {
                out.put(kind.wireName(), family);
            }
        }
        return out;
    }
}
