package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the report writes one value into a Markdown table cell. */
final class MarkdownCells {
    private MarkdownCells() {}

    /** Text for a Markdown table cell: a pipe (as in "NCM|graphite") would end the cell. */
    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }

    /** Alert kinds with their counts, as "kind N" (between = " ") or "kind ×N" (between = " ×"). */
    static String kindCounts(Map<AlertKind, ? extends Number> counts, String between) {
        return counts.isEmpty()
                ? "–"
                : counts.entrySet().stream()
                        .map(e -> e.getKey().wireName() + between + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    static String spread(FamilyTally.Spread s) {
        return s == null
                ? "–"
                : String.format(Locale.ROOT, "%s (%s–%s)", hours(s.median()), hours(s.min()), hours(s.max()));
    }

    static String estimate(FamilyTally.Spread s) {
        return s == null
                ? "n/a"
                : String.format(Locale.ROOT, "%s (max %s, %d seeds)", percent(s.median()), percent(s.max()), s.count());
    }

    /** A relative error; infinite where the estimate named a short that carried no current. */
    private static String percent(double error) {
        return Double.isInfinite(error) ? "∞" : String.format(Locale.ROOT, "%.0f %%", 100 * error);
    }

    static String inside(FamilyTally.Inside resistance, FamilyTally.Inside leak) {
        return "R " + inside(resistance) + ", leak " + inside(leak);
    }

    private static String inside(FamilyTally.Inside s) {
        return s.stated() == 0 ? "n/a" : s.inside() + "/" + s.stated();
    }

    static String hours(double h) {
        return String.format(Locale.ROOT, Math.abs(h) < 10 ? "%.2f" : "%.1f", h);
    }
}
