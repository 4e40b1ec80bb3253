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
    private static final int WIDTH = PlotPanel.WIDTH;
    private static final int LEFT = PlotPanel.LEFT;
    private static final int PANEL_HEIGHT = PlotPanel.HEIGHT;
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
        SvgText.text(
                svg,
                LEFT,
                24,
                16,
                "start",
                log.channelId() + " — " + truth.chemistry() + " ("
                        + truth.family().label() + ")");
        SvgText.text(svg, LEFT, 42, 11, "start", truth.description());
        Double onset = truth.onsetS() == null ? null : truth.onsetS() / 3600;
        Double death = truth.deathS() == null ? null : truth.deathS() / 3600;
        String hours = "hours since monitoring began";
        if (symmetric) {
            List<double[]> points = new ArrayList<>();
            for (ChannelLog.OverpotentialPoint p : log.overpotentials()) {
                points.add(new double[] {p.channelS() / 3600, 1000 * p.overpotentialV()});
            }
            PlotPanel panel = new PlotPanel(TOP, hours, "plateau overpotential (mV)", points, null);
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
            PlotPanel capacity = new PlotPanel(TOP, hours, "capacity per cycle (" + unit + ")", charge, discharge);
            capacity.draw(svg, "charge", "discharge");
            markers(svg, log, capacity, onset, death);
            PlotPanel efficiency = new PlotPanel(TOP + PANEL_HEIGHT + GAP, hours, "coulombic efficiency (%)", ce, null);
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

    private static void markers(StringBuilder svg, ChannelLog log, PlotPanel panel, Double onset, Double death) {
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
}
