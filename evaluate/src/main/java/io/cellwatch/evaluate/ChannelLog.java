package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.simulator.ScenarioTruth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one simulated channel did in an evaluation run: its ground truth, every alert event, how
 * long it ran, and (when asked to keep them) its per-cycle capacities and per-half-cycle
 * overpotentials for a plot.
 */
public final class ChannelLog {
    /** One cycle's numbers for a plot. */
    public record CyclePoint(
            int cycleIndex, double endTestTimeS, double chargeAh, double dischargeAh, Double coulombicEfficiency) {}

    /** One half-cycle's plateau overpotential for a plot. */
    public record OverpotentialPoint(double testTimeS, double overpotentialV) {}

    private final ChannelInfo info;
    private final ScenarioTruth truth;
    private final boolean keepSeries;
    private final List<Alert> alerts = new ArrayList<>();
    private final List<CyclePoint> cycles = new ArrayList<>();
    private final List<OverpotentialPoint> overpotentials = new ArrayList<>();
    private double firstTestTimeS = Double.NaN;
    private double lastTestTimeS = Double.NaN;
    private int lastCycleIndex = Integer.MIN_VALUE;
    private int firstCycleIndex = Integer.MIN_VALUE;
    private long samples;
    private Double lastCriticalCurrentDensity;

    public ChannelLog(ChannelInfo info, ScenarioTruth truth, boolean keepSeries) {
        this.info = info;
        this.truth = truth;
        this.keepSeries = keepSeries;
    }

    void onSample(double testTimeS, int cycleIndex) {
        if (samples++ == 0) {
            firstTestTimeS = testTimeS;
            firstCycleIndex = cycleIndex;
        }
        lastTestTimeS = testTimeS;
        lastCycleIndex = cycleIndex;
    }

    void onCycle(CycleSummary cycle) {
        if (keepSeries) {
            cycles.add(new CyclePoint(
                    cycle.cycleIndex(),
                    cycle.endTestTimeS(),
                    cycle.chargeAh(),
                    cycle.dischargeAh(),
                    cycle.coulombicEfficiency()));
        }
    }

    void onAlert(Alert alert) {
        alerts.add(alert);
    }

    void onOverpotential(double overpotentialV) {
        if (keepSeries) {
            overpotentials.add(new OverpotentialPoint(lastTestTimeS, overpotentialV));
        }
    }

    void onCriticalCurrentDensity(double maPerCm2) {
        lastCriticalCurrentDensity = maPerCm2;
    }

    public ChannelInfo info() {
        return info;
    }

    public ScenarioTruth truth() {
        return truth;
    }

    public String channelId() {
        return info.channelId();
    }

    /** Every alert event in the order they happened (firing, escalations, resolutions). */
    public List<Alert> alerts() {
        return Collections.unmodifiableList(alerts);
    }

    /** The first event of each episode: what a person is paged for. */
    public List<Alert> episodes() {
        List<Alert> first = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Alert alert : alerts) {
            if (alert.status() == AlertStatus.FIRING && seen.add(alert.alertId())) {
                first.add(alert);
            }
        }
        return first;
    }

    public List<CyclePoint> cycles() {
        return Collections.unmodifiableList(cycles);
    }

    public List<OverpotentialPoint> overpotentials() {
        return Collections.unmodifiableList(overpotentials);
    }

    /** Days of test time the channel was watched. */
    public double channelDays() {
        return samples < 2 ? 0 : (lastTestTimeS - firstTestTimeS) / 86_400;
    }

    public long samples() {
        return samples;
    }

    public int firstCycleIndex() {
        return firstCycleIndex;
    }

    public int lastCycleIndex() {
        return lastCycleIndex;
    }

    public double firstTestTimeS() {
        return firstTestTimeS;
    }

    public double lastTestTimeS() {
        return lastTestTimeS;
    }

    /** The last critical-current-density reading (levels completed without a short), or null. */
    public Double lastCriticalCurrentDensity() {
        return lastCriticalCurrentDensity;
    }
}
