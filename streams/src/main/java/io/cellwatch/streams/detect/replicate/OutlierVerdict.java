package io.cellwatch.streams.detect.replicate;

import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Member;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One quantity of one cell's cycle against its siblings': the message and evidence of its alert.
 * Offsets, spreads and the tolerance are as the group compares the quantity ({@link GroupQuantity#compared}:
 * logarithms of capacity and overpotential, CE as it is).
 *
 * @param value         the cell's quantity as the lab reads it (CE, retention, overpotential ratio)
 * @param siblingMedian the siblings' median of it
 * @param siblingSpread how far the siblings' own offsets left their usual ones at this cycle, spread
 *                      (1.4826·MAD)
 * @param offset        the cell's offset from its siblings (against their values less their usual offsets)
 * @param usualOffset   the offset it was expected to have: its usual one, grown at its usual rate
 * @param tolerance     how far the offset may leave the usual one
 */
record OutlierVerdict(
        GroupQuantity quantity,
        double value,
        double siblingMedian,
        double siblingSpread,
        int siblings,
        double offset,
        double usualOffset,
        double tolerance) {

    /** How far the offset left the usual one, in tolerances. */
    double score() {
        return Math.abs(offset - usualOffset) / tolerance;
    }

    String message(String group, int run) {
        String unit = quantity == GroupQuantity.COULOMBIC_EFFICIENCY ? "points" : "%";
        return String.format(
                Locale.ROOT,
                "Cell left its replicate group %s: %s %.2f %% against its %d siblings' median %.2f %%; "
                        + "it left its usual offset by %+.2f %s, where its siblings' own departures spread %.2f %s "
                        + "(tolerance %.2f %s), %d cycles running",
                group,
                quantity.label,
                100 * value,
                siblings,
                100 * siblingMedian,
                quantity.percent(offset - usualOffset),
                unit,
                quantity.percent(siblingSpread),
                unit,
                quantity.percent(tolerance),
                unit,
                run);
    }

    Map<String, Double> evidence(Member m) {
        Map<String, Double> e = new LinkedHashMap<>();
        e.put("quantity", (double) quantity.code());
        e.put("value", value);
        e.put("siblingMedian", siblingMedian);
        e.put("siblingSpread", siblingSpread);
        e.put("siblings", (double) siblings);
        e.put("offset", offset);
        e.put("usualOffset", usualOffset);
        e.put("tolerance", tolerance);
        e.put("deviationScore", score());
        e.put("consecutiveCycles", (double) m.outOfGroupRun);
        return e;
    }
}
