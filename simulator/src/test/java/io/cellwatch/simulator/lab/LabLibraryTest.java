package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Sample;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The library as a whole: every template runs, seeds draw trajectories, a seed always draws the same. */
class LabLibraryTest {

    @Test
    void theSameSeedGivesTheSameRowsAndTruth() {
        for (String name : List.of("ccd-step-up", "contact-glitch")) {
            ScenarioLibrary.Template t = ScenarioLibrary.named(name).orElseThrow();
            Recording a = Recording.of(t.draw(4, 1));
            Recording b = Recording.of(t.draw(4, 1));
            assertThat(a.rows).as(name).isNotEmpty().isEqualTo(b.rows);
            assertThat(a.truth).as(name).isEqualTo(b.truth);
        }
    }

    @Test
    void seedsDrawDifferentTrajectoriesNotOnlyDifferentNoise() {
        for (ScenarioLibrary.Template t : ScenarioLibrary.faults()) {
            Set<String> descriptions = new HashSet<>();
            Set<String> chemistries = new HashSet<>();
            for (long seed = 1; seed <= 20; seed++) {
                LabScenario s = t.draw(seed, 1);
                descriptions.add(s.description());
                chemistries.add(s.declared().chemistry());
            }
            // The description carries the drawn numbers (onset, leak size and growth, short resistance, ...).
            assertThat(descriptions).as(t.name()).hasSize(20);
            assertThat(chemistries).as(t.name()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void aScheduledConditionHappensInsideTheRunItIsDrawnFor() {
        // Drawn past the run's end, the event would never happen and the channel would be a plain one.
        for (String name : List.of("c-rate-change", "temperature-step", "cutoff-change", "diagnostic-cycles")) {
            ScenarioLibrary.Template t = ScenarioLibrary.named(name).orElseThrow();
            for (long seed = 1; seed <= 8; seed++) {
                LabTruth truth = Recording.of(t.draw(seed, 5)).truth;
                assertThat(truth.events()).as(name + " seed " + seed).isNotEmpty();
            }
        }
    }

    @Test
    void fullCellsAreWrittenInBothElectrodeOrders() {
        Set<String> written = new HashSet<>();
        ScenarioLibrary.Template t = ScenarioLibrary.named("soft-short-fast").orElseThrow();
        LongStream.rangeClosed(1, 20)
                .forEach(seed -> written.add(t.draw(seed, 1).declared().chemistry()));
        assertThat(written).anyMatch(c -> c.endsWith("|graphite") || c.endsWith("|Li") || c.endsWith("|Li-In"));
        assertThat(written).anyMatch(c -> c.startsWith("graphite|") || c.startsWith("Li|") || c.startsWith("Li-In|"));
    }

    @Test
    void everyTemplateRunsAndItsTruthHangsTogether() {
        for (ScenarioLibrary.Template t : ScenarioLibrary.faults()) {
            Recording r = Recording.of(t.draw(2, 1));
            LabTruth truth = r.truth;
            assertThat(truth.family()).as(t.name()).isEqualTo(t.family());
            assertThat(truth.onsetS()).as(t.name()).isNotNull().isBetween(0.0, truth.endS());
            if (truth.deathS() != null) {
                assertThat(truth.deathS()).as(t.name()).isGreaterThanOrEqualTo(truth.onsetS() - 10);
                // The channel runs on after the death: the cycler has not stopped it there.
                assertThat(truth.endS()).as(t.name()).isGreaterThan(truth.deathS());
            }
            assertThat(r.rows).as(t.name()).isNotEmpty();
            assertThat(Recording.channelS(r.rows.get(r.rows.size() - 1)))
                    .isCloseTo(truth.endS(), org.assertj.core.api.Assertions.within(1.0));
        }
        for (ScenarioLibrary.Template t : ScenarioLibrary.healthy()) {
            Recording r = Recording.of(t.draw(2, 2));
            assertThat(r.truth.family()).as(t.name()).isEqualTo(FaultFamily.NONE);
            assertThat(r.truth.onsetS()).as(t.name()).isNull();
            assertThat(r.truth.deathS()).as(t.name()).isNull();
            assertThat(r.truth.channelDays()).as(t.name()).isBetween(0.05, 2.1);
        }
    }

    @Test
    void aStepUpsTrueCcdIsTheLastLevelCompletedBeforeTheShortingLevel() {
        ScenarioLibrary.Template t = ScenarioLibrary.named("ccd-step-up").orElseThrow();
        for (long seed = 1; seed <= 5; seed++) {
            Recording r = Recording.of(t.draw(seed, 1));
            double area = r.cells.get(0).electrodeAreaCm2();
            Sample atOnset = r.rows.stream()
                    .filter(s -> Recording.channelS(s) >= r.truth.onsetS() && s.currentA() > 0)
                    .findFirst()
                    .orElseThrow();
            double shortingLevel = 1000 * atOnset.currentA() / area;
            double completed = r.truth.criticalCurrentDensityMaPerCm2();
            assertThat(completed).as("seed %d", seed).isLessThan(shortingLevel);
            // No level between the one completed and the one that shorted.
            assertThat(r.rows.stream()
                            .map(s -> 1000 * Math.abs(s.currentA()) / area)
                            .filter(j -> j > completed * 1.005 && j < shortingLevel * 0.995)
                            .count())
                    .as("seed %d", seed)
                    .isZero();
        }
    }
}
