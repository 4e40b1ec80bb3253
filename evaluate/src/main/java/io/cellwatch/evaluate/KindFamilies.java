package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.simulator.lab.FaultFamily;
import io.cellwatch.streams.detect.replicate.GroupQuantity;
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
 * replicate_outlier               by the quantity that left the group (evidence {@code quantity}):
 *                                 CE → soft short, capacity retention → capacity loss,
 *                                 overpotential ratio → overpotential
 * </pre>
 *
 * <p>Why {@code replicate_outlier} is read by its evidence: its kind says only that a cell left its
 * replicate group, not what happened to it; its evidence says which quantity left, and each
 * quantity is one family's signature. A cell whose CE leaves its siblings' returns a different share
 * of its charge (a leak: charge up, discharge down); one whose capacity leaves theirs with its CE in
 * the group lost capacity (both capacities move together); a rising overpotential is interphase
 * growth. So an outlier counts as a detection only when the quantity it names is the fault's
 * signature: a leaking cell reported as a capacity outlier is not a detection of its short, and on a
 * healthy cell a CE outlier is a short-kind false alarm.
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

    /** The family this alert reports: its kind's, or for a replicate outlier the quantity's that left the group. */
    public static FaultFamily familyOf(Alert alert) {
        if (alert.kind() != AlertKind.REPLICATE_OUTLIER) {
            return familyOf(alert.kind());
        }
        Double code = alert.evidence().get("quantity");
        GroupQuantity quantity = code == null ? null : GroupQuantity.ofCode(code);
        if (quantity == null) {
            return FaultFamily.NONE;
        }
        return switch (quantity) {
            case COULOMBIC_EFFICIENCY -> FaultFamily.SOFT_SHORT;
            case CAPACITY_RETENTION -> FaultFamily.CAPACITY_LOSS;
            case OVERPOTENTIAL_RATIO -> FaultFamily.OVERPOTENTIAL;
        };
    }

    /** True when this alert is a detection of a fault of this family. */
    /** Whether the alert reports a short, soft or hard (the kinds no benign condition may raise). */
    public static boolean shortKind(Alert alert) {
        FaultFamily family = familyOf(alert);
        return family == FaultFamily.SOFT_SHORT || family == FaultFamily.HARD_SHORT;
    }

    public static boolean detects(Alert alert, FaultFamily family) {
        return family != FaultFamily.NONE && familyOf(alert) == family;
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
