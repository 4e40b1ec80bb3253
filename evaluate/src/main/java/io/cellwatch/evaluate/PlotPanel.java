package io.cellwatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One panel of an {@link SvgPlot}: axes, ticks, up to two series, and vertical markers on it. */
final class PlotPanel {
    static final int WIDTH = 1000;
    static final int LEFT = 80;
    static final int RIGHT = 30;
    static final int HEIGHT = 230;

    final int top;
    final String xLabel;
    final String yLabel;
    final List<double[]> first;
    final List<double[]> second;
    final double xMin;
    final double xMax;
    final double yMin;
    final double yMax;
    /** Where the last alert label went: markers close together push their labels apart. */
    private double lastLabelX = Double.NEGATIVE_INFINITY;

    PlotPanel(int top, String xLabel, String yLabel, List<double[]> first, List<double[]> second) {
        this.top = top;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.first = first;
        this.second = second == null ? List.of() : second;
        double[] xs = range(first, this.second, 0);
        double[] ys = range(first, this.second, 1);
        this.xMin = xs[0];
        this.xMax = xs[1] > xs[0] ? xs[1] : xs[0] + 1;
        double pad = (ys[1] - ys[0]) * 0.05;
        this.yMin = ys[0] - (pad > 0 ? pad : 1);
        this.yMax = ys[1] + (pad > 0 ? pad : 1);
    }

    private static double[] range(List<double[]> a, List<double[]> b, int axis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<double[]> list : List.of(a, b)) {
            for (double[] p : list) {
                lo = Math.min(lo, p[axis]);
                hi = Math.max(hi, p[axis]);
            }
        }
        return Double.isFinite(lo) ? new double[] {lo, hi} : new double[] {0, 1};
    }

    double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    double py(double y) {
        return top + HEIGHT - (y - yMin) / (yMax - yMin) * HEIGHT;
    }

    void draw(StringBuilder svg, String firstName, String secondName) {
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999999\"/>%n",
                LEFT,
                top,
                WIDTH - LEFT - RIGHT,
                HEIGHT));
        for (double t : ticks(xMin, xMax)) {
            double x = px(t);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999999\"/>%n",
                    x,
                    top + HEIGHT,
                    x,
                    top + HEIGHT + 5));
            SvgText.text(svg, x, top + HEIGHT + 18, 11, "middle", format(t));
        }
        for (double t : ticks(yMin, yMax)) {
            double y = py(t);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eeeeee\"/>%n",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            SvgText.text(svg, LEFT - 6, y + 4, 11, "end", format(t));
        }
        SvgText.text(svg, (LEFT + WIDTH - RIGHT) / 2.0, top + HEIGHT + 36, 12, "middle", xLabel);
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"18\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s"
                        + "</text>%n",
                top + HEIGHT / 2.0,
                top + HEIGHT / 2.0,
                SvgText.escape(yLabel)));
        series(svg, first, "#1565c0");
        series(svg, second, "#6a1b9a");
        legend(svg, firstName, "#1565c0", 0);
        if (secondName != null) {
            legend(svg, secondName, "#6a1b9a", 1);
        }
    }

    private void legend(StringBuilder svg, String name, String colour, int index) {
        // Bottom left: alert markers crowd the right, where faults end the data, and CE sits at the top.
        double x = LEFT + 12;
        double y = top + HEIGHT - 10 - 16 * index;
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                x,
                y - 4,
                x + 20,
                y - 4,
                colour));
        SvgText.text(svg, x + 26, y, 11, "start", name);
    }

    private void series(StringBuilder svg, List<double[]> points, String colour) {
        if (points.isEmpty()) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            path.append(path.isEmpty() ? "M" : " L")
                    .append(String.format(Locale.ROOT, "%.1f,%.1f", px(p[0]), py(p[1])));
        }
        svg.append(String.format(
                Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\"/>%n", path, colour));
        if (points.size() <= 200) {
            for (double[] p : points) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>%n",
                        px(p[0]),
                        py(p[1]),
                        colour));
            }
        }
    }

    void vertical(StringBuilder svg, double x, String colour, String dash, String label) {
        if (x < xMin || x > xMax) {
            return;
        }
        double px = px(x);
        upright(svg, px, colour, "stroke-dasharray=\"" + dash + "\"");
        SvgText.text(svg, px + 3, top + HEIGHT - 6, 10, "start", label);
    }

    void marker(StringBuilder svg, double x, String colour, String label, int index) {
        if (x < xMin || x > xMax) {
            return;
        }
        double px = px(x);
        upright(svg, px, colour, "stroke-width=\"1.5\" stroke-opacity=\"0.8\"");
        // Labels read downwards beside their line; markers close together push their labels apart.
        double labelX = Math.max(px + 3, lastLabelX + 12);
        lastLabelX = labelX;
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" "
                        + "transform=\"rotate(90 %.1f %.1f)\" text-anchor=\"start\">%s</text>%n",
                labelX,
                top + 4.0,
                colour,
                labelX,
                top + 4.0,
                SvgText.escape(label)));
    }

    /** A line from the panel's top to its bottom at pixel px, with the given stroke style. */
    private void upright(StringBuilder svg, double px, String colour, String style) {
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" %s/>%n",
                px,
                top,
                px,
                top + HEIGHT,
                colour,
                style));
    }

    private static List<Double> ticks(double lo, double hi) {
        double span = hi - lo;
        double raw = span / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * span; t += step) {
            ticks.add(Math.abs(t) < 1e-12 * step ? 0 : t);
        }
        return ticks;
    }

    private static String format(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
