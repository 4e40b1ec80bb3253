package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.topology.TopologySettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The "done when" on the simulated reference behaviours, run as {@code evaluate} runs them:
 * the simulator's scenario, the offline pipeline, the detectors the live topology runs.
 */
class DetectionScenariosTest {
    private static final long SEED = 7;
    private static final double SAMPLE_INTERVAL_S = 30;
    private static final DetectorSet DETECTORS = TopologySettings.defaultDetectors();
    private static final Set<AlertKind> SOFT_SHORT =
            EnumSet.of(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, AlertKind.SOFT_SHORT_CE_FLUCTUATION);

    private static DemoScenarioRun.Result run(Scenario scenario, double hours, int cycles, long seed) {
        return DemoScenarioRun.run(scenario, seed, SAMPLE_INTERVAL_S, hours, cycles, DETECTORS);
    }

    private static List<Alert> firing(DemoScenarioRun.Result score) {
        return score.alerts().stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .toList();
    }

    @Test
    void liInCellSoftShortBy892AndImminentShortInsideTheCharge897BeforeItPassesTheUsualByAFifth() {
        DemoScenarioRun.Result score = run(Scenario.LI_IN_SOFT_SHORT, 1000, 0, SEED);
        assertThat(score.falseAlarms()).isEmpty();
        Alert first = score.firstAlert();
        assertThat(first.kind()).isIn(SOFT_SHORT);
        assertThat(first.cycleIndex()).isLessThanOrEqualTo(892);

        Alert imminent = firing(score).stream()
                .filter(a -> a.kind() == AlertKind.IMMINENT_SHORT)
                .findFirst()
                .orElseThrow();
        assertThat(imminent.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(imminent.cycleIndex()).isEqualTo(897);
        // During the charge: the cell charged on for hours after the alert until the cycler's time limit.
        assertThat(score.truth().deathTestTimeS() - imminent.testTimeS()).isGreaterThan(3600);
        // Before the charge passed 1.2x the usual: the usual from the healthy cycles' own summaries.
        double usual = score.cycles().stream()
                .filter(c -> c.cycleIndex() >= 870 && c.cycleIndex() <= 890)
                .mapToDouble(c -> c.chargeAh())
                .sorted()
                .skip(10)
                .findFirst()
                .orElseThrow();
        assertThat(imminent.evidence().get("chargeAh")).isLessThan(1.2 * usual);
    }

    @Test
    void liMetalCellIsFlaggedBeforeItsLastCycle() {
        DemoScenarioRun.Result score = run(Scenario.LI_METAL_SOFT_SHORT, 1000, 0, SEED);
        assertThat(score.truth().deathCycle()).isEqualTo(17);
        assertThat(score.firstAlert().cycleIndex()).isLessThan(17);
        assertThat(score.falseAlarms()).isEmpty();
    }

    @Test
    void ceFluctuationShortIsFlaggedWithinTenCyclesOfItsOnsetOnEverySeedTried() {
        for (long seed = 1; seed <= 5; seed++) {
            DemoScenarioRun.Result score = run(Scenario.CE_FLUCTUATION_SOFT_SHORT, 1000, 0, seed);
            assertThat(score.firstAlert()).as("seed %d", seed).isNotNull();
            assertThat(score.firstAlert().cycleIndex() - score.truth().onsetCycle())
                    .as("seed %d", seed)
                    .isBetween(0, 10);
            assertThat(score.falseAlarms()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void symmetricShortAt60HoursIsFlaggedWithinOneHalfCycle() {
        DemoScenarioRun.Result score = run(Scenario.SYMMETRIC_DRIFT_SHORT, 200, 0, SEED);
        assertThat(score.truth().onsetTestTimeS()).isEqualTo(60 * 3600.0);
        assertThat(score.firstAlert().kind()).isIn(AlertKind.OVERPOTENTIAL_COLLAPSE, AlertKind.HARD_SHORT);
        assertThat(score.firstAlert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat((score.firstAlert().testTimeS() - score.truth().onsetTestTimeS()) / 3600)
                .isBetween(0.0, 1.0);
        // Before the onset only the rising overpotential was reported, as a warning.
        assertThat(score.falseAlarms()).allSatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.OVERPOTENTIAL_DRIFT);
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void stepUpCcdIsReportedExactlyAndTheCellThatNeverShortsHoldsAtLeastNine() {
        DemoScenarioRun.Result shorted = run(Scenario.CCD_STEP_UP, 100, 0, SEED);
        assertThat(shorted.firstAlert().kind()).isEqualTo(AlertKind.CRITICAL_CURRENT_DENSITY);
        assertThat(shorted.firstAlert().evidence().get("criticalCurrentDensityMaPerCm2"))
                .isEqualTo(2.4);

        DemoScenarioRun.Result held = run(Scenario.CCD_STEP_UP_NO_SHORT, 100, 0, SEED);
        assertThat(held.alerts()).isEmpty();
        assertThat(held.lastCriticalCurrentDensity()).isGreaterThanOrEqualTo(9.0);
    }

    @Test
    void slowDiagnosticChargesAreNotTakenForEndlessChargesEvenWhenLoggedEveryTwoMinutes() {
        // At C/10 the LFP cell sits on its flat plateau when it has taken a 2C charge's capacity.
        long lfpSeed = HealthyLfpSeed.firstWatchedFromCycleOne(SEED, 120);
        DemoScenarioRun.Result log = DemoScenarioRun.run(Scenario.HEALTHY_LFP, lfpSeed, 120, 5000, 1300, DETECTORS);
        assertThat(log.lastCycle()).isGreaterThanOrEqualTo(1300);
        // Its 2C charges' constant-current part has 10-11 rows at this rate, under its share of the 20 the imminent
        // short's dV/dQ windows need: the data-quality watch says so, once. No detector takes the slow charges.
        assertThat(log.alerts()).allMatch(a -> a.kind() == AlertKind.DATA_QUALITY_COARSE_LOGGING);
        assertThat(log.alerts()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void noSoftShortAndNoCriticalAlertOnTheLongHealthyCells() {
        DemoScenarioRun.Result symmetric = run(Scenario.HEALTHY_SYMMETRIC, 2100, 0, SEED);
        assertThat(symmetric.channelDays()).isGreaterThanOrEqualTo(2099 / 24.0);
        long lfpSeed = HealthyLfpSeed.firstWatchedFromCycleOne(SEED, SAMPLE_INTERVAL_S);
        DemoScenarioRun.Result lfp = run(Scenario.HEALTHY_LFP, 5000, 1300, lfpSeed);
        assertThat(lfp.firstCycle()).isEqualTo(1);
        assertThat(lfp.lastCycle()).isGreaterThanOrEqualTo(1300);
        // Its diagnostic cycles (every 100th) are in there, and its fade reached seed 001's 81.7 % territory.
        double first = lfp.cycles().get(3).dischargeAh();
        double last = lfp.cycles().get(lfp.cycles().size() - 3).dischargeAh();
        assertThat(last / first).isBetween(0.78, 0.86);
        for (DemoScenarioRun.Result healthy : List.of(symmetric, lfp)) {
            assertThat(healthy.alerts())
                    .as(healthy.truth().scenario().name())
                    .noneMatch(a -> SOFT_SHORT.contains(a.kind()))
                    .noneMatch(a -> a.severity() == Severity.CRITICAL);
        }
    }
}
