package io.cellwatch.streams.detect.replicate;

import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Member;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One quantity of one cell's cycle against its siblings': the message and evidence of its alert. */
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
        boolean ce = quantity == GroupQuantity.COULOMBIC_EFFICIENCY;
        double scale = 100;
        return String.format(
                Locale.ROOT,
                "Cell left its replicate group %s: %s %.2f %% against its %d siblings' median %.2f %% "
                        + "(their spread %.2f %s, its usual offset %+.2f), %d cycles running",
                group,
                quantity.label,
                scale * value,
                siblings,
                scale * siblingMedian,
                scale * siblingSpread,
                ce ? "points" : "%",
                scale * usualOffset,
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
