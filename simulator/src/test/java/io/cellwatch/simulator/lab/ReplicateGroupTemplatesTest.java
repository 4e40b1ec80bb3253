package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.ChannelInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The grouped templates: cells declared alike in one group, each a channel of its own, differing as
 * replicates of a batch do; in a fault group exactly one cell has the fault; the lab's group-wide
 * events reach every cell, a chamber's at one moment.
 */
class ReplicateGroupTemplatesTest {

    private static List<Recording> play(LabGroup group, double hours) {
        List<Recording> cells = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            cells.add(Recording.of(Double.isNaN(hours) ? group.member(i) : group.member(i, hours)));
        }
        return cells;
    }

    @Test
    void aFaultGroupIsCellsDeclaredAlikeOneOfThemFaulty() {
        for (String name : List.of("replicate-soft-short", "replicate-capacity-loss")) {
            ScenarioLibrary.Template t = ScenarioLibrary.named(name).orElseThrow();
            assertThat(t.grouped()).isTrue();
            LabGroup group = t.drawGroup(2, 0);
            assertThat(group.size()).as(name).isBetween(3, 8);
            assertThat(group.faultyMember()).isBetween(0, group.size() - 1);
            LabScenario faulty = group.member(group.faultyMember());
            LabTruth faultyTruth = Recording.of(faulty).truth;
            assertThat(faultyTruth.family()).isEqualTo(t.family());
            assertThat(faultyTruth.onsetS()).as(name + " onset").isNotNull();
            List<Recording> cells = play(group, faultyTruth.endS() / 3600);
            Set<String> channels = new HashSet<>();
            Set<Double> firstCapacities = new HashSet<>();
            for (int i = 0; i < cells.size(); i++) {
                ChannelInfo declared = cells.get(i).cells.get(0);
                assertThat(declared.group()).isEqualTo(group.group());
                assertThat(declared.chemistry()).isEqualTo(faulty.declared().chemistry());
                assertThat(declared.nominalCapacityAh())
                        .isEqualTo(faulty.declared().nominalCapacityAh());
                channels.add(declared.channelId());
                firstCapacities.add(cells.get(i).truth.cycles().get(0).capacityAh());
                if (i != group.faultyMember()) {
                    assertThat(cells.get(i).truth.family()).isEqualTo(FaultFamily.NONE);
                    assertThat(cells.get(i).truth.onsetS()).isNull();
                    // run as long as the faulty cell ran: its horizon, reached within one 10 s step of the model
                    assertThat(cells.get(i).truth.endS()).isLessThanOrEqualTo(faultyTruth.endS() + 10);
                }
            }
            assertThat(channels).as("a channel each").hasSize(group.size());
            assertThat(firstCapacities).as("replicates differ").hasSize(group.size());
        }
    }

    @Test
    void theLabsEventsReachEverySiblingAChambersAtOneMoment() {
        LabGroup group =
                ScenarioLibrary.named("replicate-group-healthy").orElseThrow().drawGroup(5, 20);
        assertThat(group.faultyMember()).isEqualTo(-1);
        List<Recording> cells = play(group, Double.NaN);
        List<List<BenignEvent>> steps = new ArrayList<>();
        for (Recording cell : cells) {
            assertThat(cell.truth.onsetS()).isNull();
            steps.add(cell.truth.events().stream()
                    .filter(e -> e.condition() == BenignCondition.TEMPERATURE_STEP)
                    .toList());
        }
        assertThat(steps.get(0)).as("the chamber steps").isNotEmpty();
        double cycleS = cells.get(0).truth.cycles().get(1).endS()
                - cells.get(0).truth.cycles().get(1).startS();
        for (List<BenignEvent> other : steps) {
            assertThat(other).hasSameSizeAs(steps.get(0));
            for (int k = 0; k < other.size(); k++) {
                // the same moment, give or take the cycle it falls in (a cell starts a cycle's step at its start)
                assertThat(Math.abs(other.get(k).startS() - steps.get(0).get(k).startS()))
                        .isLessThan(3 * cycleS);
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSameGroup() {
        ScenarioLibrary.Template t =
                ScenarioLibrary.named("replicate-group-healthy").orElseThrow();
        LabGroup a = t.drawGroup(7, 1);
        LabGroup b = t.drawGroup(7, 1);
        assertThat(a.size()).isEqualTo(b.size());
        Recording first = Recording.of(a.member(a.size() - 1));
        Recording again = Recording.of(b.member(b.size() - 1));
        assertThat(first.rows).isNotEmpty().isEqualTo(again.rows);
        assertThat(Recording.of(a.member(0)).rows).isNotEqualTo(first.rows);
    }
}
