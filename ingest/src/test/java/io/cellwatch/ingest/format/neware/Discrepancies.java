package io.cellwatch.ingest.format.neware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Per column: how many rows are outside the tolerance, the first of them, and the largest difference seen. */
public final class Discrepancies {
    private final String file;
    private final Map<String, double[]> largest = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();

    public Discrepancies(String file) {
        this.file = file;
    }

    /** Records a comparison; {@code ok} says whether it is within the tolerance. */
    public void check(String column, int row, double ours, double theirs, boolean ok) {
        double diff = Math.abs(ours - theirs);
        double[] max = largest.computeIfAbsent(column, c -> new double[] {0});
        if (!Double.isNaN(diff) && diff > max[0]) {
            max[0] = diff;
        }
        if (!ok) {
            failures.merge(column, 1, Integer::sum);
            if (examples.size() < 12) {
                examples.add(String.format(Locale.ROOT, "%s row %d: ours %s, reference %s", column, row, ours, theirs));
            }
        }
    }

    public void fail(String column, int row, String what) {
        failures.merge(column, 1, Integer::sum);
        if (examples.size() < 12) {
            examples.add(String.format(Locale.ROOT, "%s row %d: %s", column, row, what));
        }
    }

    public boolean none() {
        return failures.isEmpty();
    }

    /** One line: the largest difference per compared column. */
    public String summary() {
        StringBuilder s = new StringBuilder(file).append(':');
        largest.forEach((c, m) -> s.append(String.format(Locale.ROOT, " %s≤%.3g", c, m[0])));
        return s.toString();
    }

    @Override
    public String toString() {
        return file + ": rows outside tolerance per column " + failures + "; e.g. " + examples;
    }
}
