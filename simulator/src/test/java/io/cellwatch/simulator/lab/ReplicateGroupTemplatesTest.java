package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        Recording first = cells.get(0);
        List<BenignEvent> chamber = ofKind(first, BenignCondition.TEMPERATURE_STEP, BenignCondition.CALENDAR_PAUSE);
        assertThat(chamber).as("the chamber's steps and the lab's pauses").isNotEmpty();
        List<BenignEvent> schedule = ofKind(first, BenignCondition.C_RATE_CHANGE, BenignCondition.DIAGNOSTIC_CYCLE);
        assertThat(schedule)
                .as("the schedule's rate changes and diagnostic cycles")
                .isNotEmpty();
        Set<Integer> cyclesAtLastEvent = new HashSet<>();
        for (Recording cell : cells) {
            assertThat(cell.truth.onsetS()).isNull();
            // bound to the wall clock: the same second for every sibling, whatever cycle it is in
            List<BenignEvent> own = ofKind(cell, BenignCondition.TEMPERATURE_STEP, BenignCondition.CALENDAR_PAUSE);
            assertThat(own).hasSameSizeAs(chamber);
            for (int k = 0; k < own.size(); k++) {
                assertThat(own.get(k).condition()).isEqualTo(chamber.get(k).condition());
                assertThat(own.get(k).startS()).isCloseTo(chamber.get(k).startS(), within(1e-3));
                assertThat(own.get(k).endS()).isCloseTo(chamber.get(k).endS(), within(1e-3));
            }
            double moment = chamber.get(chamber.size() - 1).startS();
            cyclesAtLastEvent.add(cell.rows.stream()
                    .filter(row -> Recording.channelS(row) <= moment)
                    .reduce((a, b) -> b)
                    .orElseThrow()
                    .cycleIndex());
            // bound to the schedule: the same cycle index (its detail names it), as far as both ran
            List<BenignEvent> steps = ofKind(cell, BenignCondition.C_RATE_CHANGE, BenignCondition.DIAGNOSTIC_CYCLE);
            for (int k = 0; k < Math.min(steps.size(), schedule.size()); k++) {
                assertThat(steps.get(k).detail()).isEqualTo(schedule.get(k).detail());
            }
        }
        assertThat(cyclesAtLastEvent)
                .as("siblings drifted apart in cycles by then")
                .hasSizeGreaterThan(1);
    }

    private static List<BenignEvent> ofKind(Recording cell, BenignCondition... kinds) {
        List<BenignCondition> wanted = List.of(kinds);
        return cell.truth.events().stream()
                .filter(e -> wanted.contains(e.condition()))
                .toList();
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
