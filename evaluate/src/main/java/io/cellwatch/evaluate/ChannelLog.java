package io.cellwatch.evaluate;

import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.simulator.lab.LabTruth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one lab-conditions channel did in an evaluation run: what the lab declared, its ground
 * truth, every alert event (with the channel seconds it happened at), how many samples the pipeline
 * took and ignored, and (when asked to keep them) its per-cycle capacities and per-half-cycle
 * overpotentials for a plot.
 */
public final class ChannelLog {
    /** One cycle's numbers for a plot. */
    public record CyclePoint(
            int segment,
            int cycleIndex,
            double endChannelS,
            double chargeAh,
            double dischargeAh,
            Double coulombicEfficiency) {}

    /** One half-cycle's plateau overpotential for a plot. */
    public record OverpotentialPoint(double channelS, double overpotentialV) {}

    private final ChannelInfo declared;
    private final boolean keepSeries;
    private final List<LoggedAlert> alerts = new ArrayList<>();
    private final List<CyclePoint> cycles = new ArrayList<>();
    private final List<OverpotentialPoint> overpotentials = new ArrayList<>();
    private LabTruth truth;
    private long samples;
    private long staleSamples;
    private Double lastCriticalCurrentDensity;
    /** Every row's channel seconds while the run lasts, where the rows around a fault are asked for. */
    private OnsetReadings.Times rowTimes;

    private OnsetReadings onsetReadings;

    public ChannelLog(ChannelInfo declared, boolean keepSeries) {
        this.declared = declared;
        this.keepSeries = keepSeries;
    }

    /** Keeps the rows' times until the truth is known, to tell the rows around the fault's onset. */
    ChannelLog watchingRowsAroundOnset() {
        rowTimes = new OnsetReadings.Times();
        return this;
    }

    void onSample() {
        samples++;
    }

    /** A row logged at this channel second. */
    void onSample(double channelS) {
        onSample();
        if (rowTimes != null) {
            rowTimes.add(channelS);
        }
    }

    void onStale(long count) {
        staleSamples += count;
    }

    void onCycle(CycleSummary cycle, int segment, double endChannelS) {
        if (keepSeries) {
            cycles.add(new CyclePoint(
                    segment,
                    cycle.cycleIndex(),
                    endChannelS,
                    cycle.chargeAh(),
                    cycle.dischargeAh(),
                    cycle.coulombicEfficiency()));
        }
    }

    /** Records an alert event. */
    public void onAlert(LoggedAlert alert) {
        alerts.add(alert);
    }

    void onOverpotential(double channelS, double overpotentialV) {
        if (keepSeries) {
            overpotentials.add(new OverpotentialPoint(channelS, overpotentialV));
        }
    }

    void onCriticalCurrentDensity(double maPerCm2) {
        lastCriticalCurrentDensity = maPerCm2;
    }

    /** Sets the channel's ground truth once the run has ended. */
    public void truth(LabTruth runTruth) {
        this.truth = runTruth;
        if (rowTimes != null) {
            onsetReadings = rowTimes.around(runTruth);
            rowTimes = null;
        }
    }

    public ChannelInfo declared() {
        return declared;
    }

    public LabTruth truth() {
        return truth;
    }

    public String channelId() {
        return declared.channelId();
    }

    /** Every alert event in the order they happened (firing, escalations, resolutions). */
    public List<LoggedAlert> alerts() {
        return Collections.unmodifiableList(alerts);
    }

    /** The first event of each episode: what a person is paged for. */
    public List<LoggedAlert> episodes() {
        List<LoggedAlert> first = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LoggedAlert logged : alerts) {
            if (logged.alert().status() == AlertStatus.FIRING
                    && seen.add(logged.segment() + "|" + logged.alert().alertId())) {
                first.add(logged);
            }
        }
        return first;
    }

    /** True when the episode of this event was, or became, critical. */
    public boolean becameCritical(LoggedAlert episode) {
        return alerts.stream()
                .anyMatch(a -> a.segment() == episode.segment()
                        && a.alert().alertId().equals(episode.alert().alertId())
                        && a.alert().status() == AlertStatus.FIRING
                        && a.alert().severity() == io.cellwatch.model.Severity.CRITICAL);
    }

    public List<CyclePoint> cycles() {
        return Collections.unmodifiableList(cycles);
    }

    public List<OverpotentialPoint> overpotentials() {
        return Collections.unmodifiableList(overpotentials);
    }

    /** Days the channel was watched (its truth's span). */
    public double channelDays() {
        return truth == null ? 0 : truth.channelDays();
    }

    public long samples() {
        return samples;
    }

    /** Samples the pipeline ignored as not newer than the channel's last (e.g. after a record-number restart). */
    public long staleSamples() {
        return staleSamples;
    }

    /** The rows logged around the fault's onset, or null (no fault, or not watched). */
    public OnsetReadings onsetReadings() {
        return onsetReadings;
    }

    /** The last critical-current-density reading (levels completed without a short), or null. */
    public Double lastCriticalCurrentDensity() {
        return lastCriticalCurrentDensity;
    }
}
