package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CellType;
import io.cellwatch.model.Severity;
import io.cellwatch.simulator.lab.LabTruth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws one channel of an evaluation as an SVG: for a full or half cell, charge and discharge
 * capacity and coulombic efficiency per cycle; for a symmetric cell, the plateau overpotential per
 * half-cycle; both against hours since monitoring began (a new cell on the channel continues the
 * axis). Alert events are vertical markers (orange warning, red critical, green
 * resolved) labelled with their kind; the fault's onset and the cell's death are dashed lines.
 * Plain SVG 1.1 written by hand: no plotting library, opens in any browser.
 */
public final class SvgPlot {
    private static final int WIDTH = 1000;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int PANEL_HEIGHT = 230;
    private static final int GAP = 60;
    private static final int TOP = 60;

    private SvgPlot() {}

    /** Writes the plot and returns what it shows, in one line. */
    public static String write(ChannelLog log, Path file) throws IOException {
        String svg = render(log);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        return log.declared().cellType() == CellType.SYMMETRIC
                ? log.overpotentials().size() + " half-cycles of overpotential, "
                        + log.alerts().size() + " alert events"
                : log.cycles().size() + " cycles of capacity and CE, "
                        + log.alerts().size() + " alert events";
    }

    static String render(ChannelLog log) {
        StringBuilder svg = new StringBuilder();
        boolean symmetric = log.declared().cellType() == CellType.SYMMETRIC;
        int panels = symmetric ? 1 : 2;
        int height = TOP + panels * PANEL_HEIGHT + (panels - 1) * GAP + 70;
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                height,
                WIDTH,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        LabTruth truth = log.truth();
        text(
                svg,
                LEFT,
                24,
                16,
                "start",
                log.channelId() + " — " + truth.chemistry() + " ("
                        + truth.family().label() + ")");
        text(svg, LEFT, 42, 11, "start", truth.description());
        Double onset = truth.onsetS() == null ? null : truth.onsetS() / 3600;
        Double death = truth.deathS() == null ? null : truth.deathS() / 3600;
        String hours = "hours since monitoring began";
        if (symmetric) {
            List<double[]> points = new ArrayList<>();
            for (ChannelLog.OverpotentialPoint p : log.overpotentials()) {
                points.add(new double[] {p.channelS() / 3600, 1000 * p.overpotentialV()});
            }
            Panel panel = new Panel(TOP, hours, "plateau overpotential (mV)", points, null);
            panel.draw(svg, "overpotential per half-cycle", null);
            markers(svg, log, panel, onset, death);
        } else {
            double scale = capacityScale(log);
            String unit = scale == 1000 ? "mAh" : "Ah";
            List<double[]> charge = new ArrayList<>();
            List<double[]> discharge = new ArrayList<>();
            List<double[]> ce = new ArrayList<>();
            for (ChannelLog.CyclePoint c : log.cycles()) {
                double x = c.endChannelS() / 3600;
                charge.add(new double[] {x, scale * c.chargeAh()});
                discharge.add(new double[] {x, scale * c.dischargeAh()});
                if (c.coulombicEfficiency() != null && c.coulombicEfficiency() < 1.5) {
                    ce.add(new double[] {x, 100 * c.coulombicEfficiency()});
                }
            }
            Panel capacity = new Panel(TOP, hours, "capacity per cycle (" + unit + ")", charge, discharge);
            capacity.draw(svg, "charge", "discharge");
            markers(svg, log, capacity, onset, death);
            Panel efficiency = new Panel(TOP + PANEL_HEIGHT + GAP, hours, "coulombic efficiency (%)", ce, null);
            efficiency.draw(svg, "CE", null);
            markers(svg, log, efficiency, onset, death);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double capacityScale(ChannelLog log) {
        double max = log.cycles().stream()
                .mapToDouble(ChannelLog.CyclePoint::chargeAh)
                .max()
                .orElse(1);
        return max < 0.1 ? 1000 : 1;
    }

    private static void markers(StringBuilder svg, ChannelLog log, Panel panel, Double onset, Double death) {
        if (onset != null) {
            panel.vertical(svg, onset, "#555555", "6,4", "onset");
        }
        if (death != null) {
            panel.vertical(svg, death, "#000000", "2,3", "death");
        }
        int n = 0;
        for (LoggedAlert logged : log.alerts()) {
            Alert alert = logged.alert();
            String colour = alert.status() == AlertStatus.RESOLVED
                    ? "#2e7d32"
                    : alert.severity() == Severity.CRITICAL ? "#d32f2f" : "#f57c00";
            String label = alert.kind().wireName()
                    + (alert.status() == AlertStatus.RESOLVED
                            ? " resolved"
                            : " " + alert.severity().wireName());
            panel.marker(svg, logged.channelHours(), colour, label, n++);
        }
    }

    private static void text(StringBuilder svg, double x, double y, int size, String anchor, String text) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x,
                y,
                size,
                anchor,
                escape(text)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One plot panel: axes, ticks, up to two series. */
    private static final class Panel {
        final int top;
        final String xLabel;
        final String yLabel;
        final List<double[]> first;
        final List<double[]> second;
        final double xMin;
        final double xMax;
        final double yMin;
        final double yMax;

        Panel(int top, String xLabel, String yLabel, List<double[]> first, List<double[]> second) {
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
            return top + PANEL_HEIGHT - (y - yMin) / (yMax - yMin) * PANEL_HEIGHT;
        }

        void draw(StringBuilder svg, String firstName, String secondName) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999999\"/>%n",
                    LEFT,
                    top,
                    WIDTH - LEFT - RIGHT,
                    PANEL_HEIGHT));
            for (double t : ticks(xMin, xMax)) {
                double x = px(t);
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999999\"/>%n",
                        x,
                        top + PANEL_HEIGHT,
                        x,
                        top + PANEL_HEIGHT + 5));
                text(svg, x, top + PANEL_HEIGHT + 18, 11, "middle", format(t));
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
                text(svg, LEFT - 6, y + 4, 11, "end", format(t));
            }
            text(svg, (LEFT + WIDTH - RIGHT) / 2.0, top + PANEL_HEIGHT + 36, 12, "middle", xLabel);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"18\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s"
                            + "</text>%n",
                    top + PANEL_HEIGHT / 2.0,
                    top + PANEL_HEIGHT / 2.0,
                    escape(yLabel)));
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
            double y = top + PANEL_HEIGHT - 10 - 16 * index;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    x,
                    y - 4,
                    x + 20,
                    y - 4,
                    colour));
            text(svg, x + 26, y, 11, "start", name);
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
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"%s\"/>%n",
                    px,
                    top,
                    px,
                    top + PANEL_HEIGHT,
                    colour,
                    dash));
            text(svg, px + 3, top + PANEL_HEIGHT - 6, 10, "start", label);
        }

        void marker(StringBuilder svg, double x, String colour, String label, int index) {
            if (x < xMin || x > xMax) {
                return;
            }
            double px = px(x);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\" "
                            + "stroke-opacity=\"0.8\"/>%n",
                    px,
                    top,
                    px,
                    top + PANEL_HEIGHT,
                    colour));
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
                    escape(label)));
        }

        private double lastLabelX = Double.NEGATIVE_INFINITY;

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
}
