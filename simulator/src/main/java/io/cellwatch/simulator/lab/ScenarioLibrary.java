package io.cellwatch.simulator.lab;

import java.util.List;
import java.util.Optional;

/**
 * The lab-conditions scenario library: fault templates (every fault family, in every cell type and
 * chemistry the issue names) and healthy templates (every benign condition of a real lab, and every
 * chemistry cycling plainly). A template and a seed give one channel; trajectories, not only noise,
 * differ between seeds (onset, leak size and growth, capacity, fade, rates, rests, logging,
 * electrode order, benign events' timing and size). A grouped template draws a replicate group
 * ({@link LabGroup}): cells built alike, declared in one group, one of them faulty in a fault group.
 *
 * <p>The templates are written from the physics and the seed papers, without reference to any
 * detector; the simulator and the detectors share no number.
 */
public final class ScenarioLibrary {

    /** How a template draws a scenario: a seed, and for healthy templates the days to run. */
    @FunctionalInterface
    interface Builder {
        LabScenario build(long seed, double days);
    }

    /** How a grouped template draws its replicate group: a seed, and for healthy groups the days to run. */
    @FunctionalInterface
    interface GroupBuilder {
        LabGroup build(long seed, double days);
    }

    /** One template of the library. */
    public static final class Template {
        private final String name;
        private final FaultFamily family;
        private final String description;
        private final Builder builder;
        private final GroupBuilder group;

        Template(String name, FaultFamily family, String description, Builder builder) {
            this(name, family, description, builder, null);
        }

        private Template(String name, FaultFamily family, String description, Builder builder, GroupBuilder group) {
            this.name = name;
            this.family = family;
            this.description = description;
            this.builder = builder;
            this.group = group;
        }

        /** A grouped template: its scenario is the group's scored member (the faulty one, or the first). */
        static Template grouped(String name, FaultFamily family, String description, GroupBuilder group) {
            return new Template(
                    name,
                    family,
                    description,
                    (seed, days) -> group.build(seed, days).scoredScenario(),
                    group);
        }

        /** Short, file-name-safe name (also part of the channel id). */
        public String name() {
            return name;
        }

        public FaultFamily family() {
            return family;
        }

        /** What the template draws, with its ranges, in one line. */
        public String description() {
            return description;
        }

        public boolean healthy() {
            return family == FaultFamily.NONE;
        }

        /**
         * The scenario of a seed. Healthy templates run for about {@code days} (a few run shorter:
         * a step-up test ends after its top level; 1 s logging is capped at 10 days); fault templates
         * run from a few dozen cycles before the onset until two hours after the cell's death and
         * ignore {@code days}.
         */
        public LabScenario draw(long seed, double days) {
            return builder.build(seed, days);
        }

        /** True when the template draws a replicate group ({@link #drawGroup}), not one channel. */
        public boolean grouped() {
            return group != null;
        }

        /** The replicate group of a seed (grouped templates only). */
        public LabGroup drawGroup(long seed, double days) {
            if (group == null) {
                throw new IllegalStateException(name + " is not a grouped template");
            }
            return group.build(seed, days);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ScenarioLibrary() {}

    /** Every fault template, one per row of the evaluation's lab-conditions table. */
    public static List<Template> faults() {
        return java.util.stream.Stream.concat(FaultTemplates.ALL.stream(), GroupTemplates.FAULTS.stream())
                .toList();
    }

    /** Every healthy template: the population false alarms are counted on. */
    public static List<Template> healthy() {
        return java.util.stream.Stream.concat(HealthyTemplates.ALL.stream(), GroupTemplates.HEALTHY.stream())
                .toList();
    }

    /** The template of this name, fault or healthy. */
    public static Optional<Template> named(String name) {
        return java.util.stream.Stream.concat(faults().stream(), healthy().stream())
                .filter(t -> t.name().equals(name))
                .findFirst();
    }
}
