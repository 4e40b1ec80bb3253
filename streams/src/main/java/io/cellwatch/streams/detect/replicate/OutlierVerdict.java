package io.cellwatch.streams.detect.replicate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Member;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * While the cell is out of its group, another of its quantities leaving it too, for a cause the
     * quantities already told do not explain ({@link GroupQuantity#explains}: a capacity loss of a cell out
     * by its overpotential), is news the firing episode has not told: it is sent once, as an update of the
     * episode (same alert id), naming that quantity.
     */
    static List<Alert> newlyLeft(
            Member m, OutlierVerdict[] out, int needed, Episode.Evidence at, String group, AlertKind kind) {
        OutlierVerdict news = null;
        for (OutlierVerdict v : out) {
            if (v != null
                    && !toldFor(m, v.quantity())
                    && m.quantityRuns[v.quantity().ordinal()] >= needed
                    && (news == null || v.score() > news.score())) {
                news = v;
            }
        }
        if (news == null) {
            return List.of();
        }
        m.reportedQuantities |= 1 << news.quantity().ordinal();
        return List.of(at.alert(
                m.episode.alertId(),
                kind,
                m.episode.severity(),
                AlertStatus.FIRING,
                news.message(group, m.quantityRuns[news.quantity().ordinal()]),
                news.evidence(m)));
    }

    /** Whether a quantity the episode has named explains this one leaving. */
    private static boolean toldFor(Member m, GroupQuantity quantity) {
        for (GroupQuantity told : GroupQuantity.values()) {
            if ((m.reportedQuantities & 1 << told.ordinal()) != 0 && told.explains(quantity)) {
                return true;
            }
        }
        return false;
    }
}
