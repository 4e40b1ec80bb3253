package io.cellwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A figure and its baseline, measured alternately (figure, baseline, figure, baseline, ...) in one
 * run, so that a change in the machine's load between rounds hits both alike. The ratio is taken
 * round by round and its median reported: on a shared machine single figures swing by 2x, ratios of
 * neighbouring measurements much less.
 */
public final class Paired {
    private final List<Double> figures = new ArrayList<>();
    private final List<Double> baselines = new ArrayList<>();

    /** One round: the figure and the baseline measured next to it. */
    public void add(double figure, double baseline) {
        figures.add(figure);
        baselines.add(baseline);
    }

    public int rounds() {
        return figures.size();
    }

    public double figure() {
        return median(figures);
    }

    public double baseline() {
        return median(baselines);
    }

    /** Median over rounds of figure / baseline. */
    public double ratio() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            ratios.add(figures.get(i) / baselines.get(i));
        }
        return median(ratios);
    }

    /** Smallest and largest per-round ratio, to show the spread. */
    public String ratioRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < figures.size(); i++) {
            double r = figures.get(i) / baselines.get(i);
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return String.format(Locale.ROOT, "%.2f-%.2f", min, max);
    }

    /** The median of these values (NaN for none). */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
