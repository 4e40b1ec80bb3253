package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.ScenarioTruth;
import java.util.List;

/**
 * How the detectors did on one scenario channel, scored without point-adjust: the first alert at or
 * after the fault's onset is what counts, its distance to the cell's death is the lead time, and
 * every alert episode that began before the onset (or at all, on a channel that never fails) is a
 * false alarm.
 *
 * @param label              what the suite calls the run
 * @param log                the channel's run
 * @param firstAlert         the first alert event of an episode at or after the onset (null: missed, or no fault)
 * @param firstCritical      the first critical event (new episode or escalation) at or after the onset, or null
 * @param falseAlarms        episodes that began before the onset (all of them when there is no fault)
 */
public record ScenarioScore(
        String label, ChannelLog log, Alert firstAlert, Alert firstCritical, List<Alert> falseAlarms) {

    public static ScenarioScore of(String label, ChannelLog log) {
        ScenarioTruth truth = log.truth();
        Double onset = truth.onsetTestTimeS();
        Alert first = null;
        Alert critical = null;
        List<Alert> episodes = log.episodes();
        for (Alert episode : episodes) {
            if (onset != null && episode.testTimeS() >= onset) {
                first = episode;
                break;
            }
        }
        for (Alert alert : log.alerts()) {
            if (onset != null
                    && alert.testTimeS() >= onset
                    && alert.status() == AlertStatus.FIRING
                    && alert.severity() == Severity.CRITICAL) {
                critical = alert;
                break;
            }
        }
        List<Alert> early = episodes.stream()
                .filter(a -> onset == null || a.testTimeS() < onset)
                .toList();
        return new ScenarioScore(label, log, first, critical, early);
    }

    public Scenario scenario() {
        return log.truth().scenario();
    }

    public boolean hasFault() {
        return log.truth().onsetTestTimeS() != null;
    }

    /** Hours from the first alert to the cell's death, or null. */
    public Double leadTimeH() {
        return lead(firstAlert);
    }

    /** Hours from the first critical alert to the cell's death, or null. */
    public Double criticalLeadTimeH() {
        return lead(firstCritical);
    }

    /** Hours from the fault's onset to the first alert, or null. */
    public Double detectionDelayH() {
        return firstAlert == null ? null : (firstAlert.testTimeS() - log.truth().onsetTestTimeS()) / 3600;
    }

    /** Cycles from the first alert's cycle to the death cycle, or null. */
    public Integer leadCycles() {
        Integer death = log.truth().deathCycle();
        return firstAlert == null || death == null ? null : death - firstAlert.cycleIndex();
    }

    /**
     * The critical current density the detectors reported: the CCD alert's evidence when the cell
     * shorted, otherwise the last level completed (the cell held at least that), or null.
     */
    public Double reportedCriticalCurrentDensity() {
        for (Alert alert : log.alerts()) {
            if (alert.kind() == AlertKind.CRITICAL_CURRENT_DENSITY) {
                return alert.evidence().get("criticalCurrentDensityMaPerCm2");
            }
        }
        return log.lastCriticalCurrentDensity();
    }

    /** True when the CCD came from a short; false when the cell never shorted (the CCD is at least the value). */
    public boolean criticalCurrentDensityFromShort() {
        return log.alerts().stream().anyMatch(a -> a.kind() == AlertKind.CRITICAL_CURRENT_DENSITY);
    }

    private Double lead(Alert alert) {
        Double death = log.truth().deathTestTimeS();
        return alert == null || death == null ? null : (death - alert.testTimeS()) / 3600;
    }
}
