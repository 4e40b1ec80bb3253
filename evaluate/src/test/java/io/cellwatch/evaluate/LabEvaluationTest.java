package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.simulator.lab.LabScenario;
import io.cellwatch.simulator.lab.ScenarioLibrary;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The evaluation end to end on one seed per template and one short healthy channel each, with the
 * live topology's detectors: every template is scored and printed; the plot draws. What the
 * detectors achieve is the report's business, not this test's.
 */
class LabEvaluationTest {
    private static final EvaluationSettings SMALL =
            new EvaluationSettings(1, 1, 1, 1, 2, null, "symmetric-soft-short", List.of());
    private static Evaluation.Result result;

    @BeforeAll
    static void run() throws InterruptedException {
        result = Evaluation.run(SMALL, TopologySettings.defaultDetectors(), EvaluationProgress.SILENT);
    }

    @Test
    void everyTemplateIsScoredOnItsSeeds() {
        assertThat(result.faults())
                .extracting(FamilyTally::template)
                .containsExactlyElementsOf(ScenarioLibrary.faults().stream()
                        .map(ScenarioLibrary.Template::name)
                        .toList());
        result.faults().forEach(t -> {
            assertThat(t.seeds()).isEqualTo(1);
            assertThat(t.caught() + t.late() + t.missed()).isEqualTo(1);
        });
        assertThat(result.population().keySet()).containsExactlyElementsOf(ScenarioLibrary.healthy());
        // One channel per healthy template, a whole group for a grouped one.
        assertThat(result.allHealthy().channels())
                .isEqualTo(ScenarioLibrary.healthy().stream()
                        .mapToInt(t -> t.grouped() ? t.drawGroup(1, 1).size() : 1)
                        .sum());
        result.faults()
                .forEach(t -> assertThat(t.siblings())
                        .as(t.template())
                        .hasSize(
                                ScenarioLibrary.named(t.template())
                                                .orElseThrow()
                                                .grouped()
                                        ? ScenarioLibrary.named(t.template())
                                                        .orElseThrow()
                                                        .drawGroup(1, 1)
                                                        .size()
                                                - 1
                                        : 0));
        assertThat(result.real()).isNull();
    }

    @Test
    void theRunIsTheScenarioThroughThePipelineWithItsTruth() {
        ChannelLog log = result.population().values().iterator().next().get(0);
        LabScenario again = result.population().keySet().iterator().next().draw(1, 1);
        assertThat(log.channelId()).isEqualTo(again.channelId());
        assertThat(log.samples()).isPositive();
        assertThat(log.truth().channelDays()).isBetween(0.9, 1.01);
    }

    @Test
    void theReportHasEveryTemplateEveryPopulationRowAndTheKindMapping() {
        StringWriter text = new StringWriter();
        ReportPrinter.print(result, SMALL, new PrintWriter(text));
        String report = text.toString();
        for (ScenarioLibrary.Template t : ScenarioLibrary.faults()) {
            assertThat(report).contains("| " + t.name() + " | " + t.family().label() + " | 1 |");
        }
        for (ScenarioLibrary.Template t : ScenarioLibrary.healthy()) {
            assertThat(report).contains("| " + t.name() + " | ");
        }
        assertThat(report)
                .contains("Alert kind → family: soft_short_capacity_divergence → soft short")
                .contains("| **all healthy** |")
                .contains("### Replicate groups")
                .contains("| replicate-soft-short | 1 |")
                .contains("per 1,000 channel-days")
                .contains("(real-data folder not found: left out)");
        // Chemistries are written with pipes; inside a table cell they are escaped.
        assertThat(report).doesNotContain("| Li-ion NCM|graphite |");
    }

    @Test
    void thePlotIsWellFormedSvgWithAMarkerPerAlertEvent(@TempDir Path dir) throws Exception {
        ChannelLog log = result.plotted();
        assertThat(log.truth().template()).isEqualTo("symmetric-soft-short");
        Path file = dir.resolve("plot.svg");
        SvgPlot.write(log, file);
        String svg = Files.readString(file);
        Document doc =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        for (LoggedAlert alert : log.alerts()) {
            assertThat(svg).contains(alert.alert().kind().wireName());
        }
        assertThat(svg)
                .contains("onset")
                .contains("death")
                .contains("overpotential")
                .contains(log.channelId());
    }
}
