package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Severity;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.ScenarioTruth;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The suite end to end on a small population: what it scores, how it counts, what it prints and draws. */
class EvaluationTest {
    private static final EvaluationSettings SMALL = new EvaluationSettings(7, 30, 12, 5, 2, 2);
    private static Evaluation.Result result;

    @BeforeAll
    static void runSuite() throws InterruptedException {
        result = Evaluation.run(SMALL, TopologySettings.defaultDetectors(), EvaluationProgress.SILENT);
    }

    @Test
    void everyScenarioIsScoredAndEveryFaultIsCaughtBeforeTheCellDies() {
        assertThat(result.scenarios())
                .extracting(ScenarioScore::scenario)
                .contains(
                        Scenario.LI_IN_SOFT_SHORT,
                        Scenario.LI_METAL_SOFT_SHORT,
                        Scenario.CE_FLUCTUATION_SOFT_SHORT,
                        Scenario.SYMMETRIC_DRIFT_SHORT,
                        Scenario.CCD_STEP_UP,
                        Scenario.CCD_STEP_UP_NO_SHORT,
                        Scenario.HEALTHY_SYMMETRIC,
                        Scenario.HEALTHY_LFP);
        for (ScenarioScore score : result.scenarios()) {
            if (score.hasFault()) {
                assertThat(score.firstAlert()).as(score.label()).isNotNull();
                assertThat(score.leadTimeH()).as(score.label()).isPositive();
                assertThat(score.detectionDelayH()).as(score.label()).isGreaterThanOrEqualTo(0);
            }
        }
        ScenarioScore liIn = result.score(Scenario.LI_IN_SOFT_SHORT);
        ScenarioTruth truth = liIn.log().truth();
        assertThat(liIn.leadTimeH())
                .isCloseTo((truth.deathTestTimeS() - liIn.firstAlert().testTimeS()) / 3600, within(1e-9));
        assertThat(liIn.leadCycles())
                .isEqualTo(truth.deathCycle() - liIn.firstAlert().cycleIndex());
    }

    @Test
    void everyFailureRunsOnAsManySeedsAsAskedTheMainSeedFirst() {
        assertThat(result.robustness().keySet())
                .containsExactly(
                        Scenario.LI_IN_SOFT_SHORT,
                        Scenario.LI_METAL_SOFT_SHORT,
                        Scenario.CE_FLUCTUATION_SOFT_SHORT,
                        Scenario.SYMMETRIC_DRIFT_SHORT,
                        Scenario.CCD_STEP_UP);
        result.robustness().forEach((scenario, scores) -> {
            assertThat(scores).as(scenario.name()).hasSize(2);
            assertThat(scores.get(0)).isSameAs(result.score(scenario));
            assertThat(scores.get(1).label()).endsWith("#8");
            assertThat(scores.get(1).firstAlert())
                    .as(scenario.name() + " on seed 8")
                    .isNotNull();
        });
    }

    @Test
    void theHealthyPopulationCoversWhatWasAskedAndItsRateIsPerThousandChannelDays() {
        FalseAlarmTally population = result.population();
        assertThat(population.channels()).isEqualTo(12);
        // Each channel runs 5 days of test time (the last sample lies within a sample interval of the end).
        assertThat(population.channelDays()).isCloseTo(60, within(0.1));
        assertThat(population.perThousandChannelDays())
                .isEqualTo(1000.0 * population.episodes() / population.channelDays());
        assertThat(result.allHealthy().channels()).isEqualTo(population.channels() + 3);
        assertThat(result.allHealthy().channelDays()).isGreaterThan(population.channelDays() + 87);
    }

    @Test
    void episodesNotEventsAreCountedAndAnEscalatedOneIsCritical() {
        ChannelLog log = new ChannelLog(
                ChannelInfo.defaultsFor("h"),
                new ScenarioTruth("h", Scenario.HEALTHY_NCM, null, null, null, null, "healthy"),
                false);
        log.onSample(0, 1);
        log.onAlert(alert("h/voltage_drop/3", AlertKind.VOLTAGE_DROP, Severity.WARNING, AlertStatus.FIRING, 3));
        log.onAlert(alert("h/voltage_drop/3", AlertKind.VOLTAGE_DROP, Severity.CRITICAL, AlertStatus.FIRING, 4));
        log.onAlert(alert("h/voltage_drop/3", AlertKind.VOLTAGE_DROP, Severity.CRITICAL, AlertStatus.RESOLVED, 9));
        log.onAlert(alert("h/capacity_fade/12", AlertKind.CAPACITY_FADE, Severity.WARNING, AlertStatus.FIRING, 12));
        log.onSample(10 * 86_400, 40);
        FalseAlarmTally tally = FalseAlarmTally.of(java.util.List.of(log));
        assertThat(tally.episodes()).isEqualTo(2);
        assertThat(tally.criticalEpisodes()).isEqualTo(1);
        assertThat(tally.softShortEpisodes()).isZero();
        assertThat(tally.channelDays()).isEqualTo(10);
        assertThat(tally.perThousandChannelDays()).isEqualTo(200);
        assertThat(tally.byKind()).containsEntry(AlertKind.VOLTAGE_DROP, 1).containsEntry(AlertKind.CAPACITY_FADE, 1);
    }

    @Test
    void noAlarmIsNotAZeroRateItIsAnUpperBound() {
        assertThat(PoissonUpperBound.of(0, 0.95)).isCloseTo(-Math.log(0.05), within(1e-6));
        assertThat(PoissonUpperBound.cumulative(3, PoissonUpperBound.of(3, 0.95)))
                .isCloseTo(0.05, within(1e-6));
    }

    @Test
    void theReportHasARowPerScenarioAndThePopulationFigures() {
        StringWriter text = new StringWriter();
        ReportPrinter.print(result, SMALL, new PrintWriter(text));
        String report = text.toString();
        for (ScenarioScore score : result.scenarios()) {
            assertThat(report)
                    .contains("| " + score.label() + " | " + score.log().channelId() + " |");
        }
        ScenarioScore liIn = result.score(Scenario.LI_IN_SOFT_SHORT);
        assertThat(report)
                .contains("cycle 891")
                .contains("cycle 897")
                .contains(liIn.firstAlert().kind().wireName() + " warning, cycle "
                        + liIn.firstAlert().cycleIndex());
        assertThat(report).contains("CCD reported 2.40 mA/cm²").contains("CCD reported ≥ 9.00 mA/cm²");
        assertThat(report).contains("on 2 simulator seeds (7 to 8)").contains("| li-in soft short | 2/2 |");
        assertThat(report)
                .contains("per 1,000 channel-days")
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "| 12 | %,.0f |",
                        result.population().channelDays()));
    }

    @Test
    void thePlotIsWellFormedSvgWithAMarkerPerAlertEvent(@TempDir Path dir) throws Exception {
        for (Scenario scenario : new Scenario[] {Scenario.LI_IN_SOFT_SHORT, Scenario.SYMMETRIC_DRIFT_SHORT}) {
            ChannelLog log = result.score(scenario).log();
            Path file = dir.resolve(scenario + ".svg");
            SvgPlot.write(log, file);
            String svg = Files.readString(file);
            Document doc = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new InputSource(new StringReader(svg)));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
            for (Alert alert : log.alerts()) {
                assertThat(svg).contains(alert.kind().wireName());
            }
            assertThat(svg).contains("onset").contains("death").contains(log.channelId());
            assertThat(svg)
                    .contains(scenario == Scenario.SYMMETRIC_DRIFT_SHORT ? "overpotential" : "coulombic efficiency");
        }
    }

    private static Alert alert(String id, AlertKind kind, Severity severity, AlertStatus status, int cycle) {
        return new Alert(
                Alert.SCHEMA_VERSION, id, "h", kind, severity, status, cycle, cycle * 3600.0, null, "m", Map.of());
    }
}
