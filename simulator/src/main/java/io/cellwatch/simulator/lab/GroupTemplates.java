package io.cellwatch.simulator.lab;

import io.cellwatch.simulator.lab.ScenarioLibrary.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grouped templates: replicate groups ("virtual pack") of 3–8 cells built alike, declared with
 * one {@code group}, run side by side on one protocol in one chamber ({@link ReplicateDraw} draws the
 * members). Group-wide benign events (the lab's temperature steps, C-rate changes, calendar pauses,
 * diagnostic cycles) hit every sibling at once: a protocol change at the same cycle index, a chamber
 * or calendar event at the same moment. In a fault group one member, drawn per seed, develops the
 * fault with the same laws and ranges as the single-cell fault templates; its siblings stay healthy.
 */
final class GroupTemplates {
    private static final double CAP_HOURS = 50_000;
    /** Events a lab applies to a whole rack or chamber at once. */
    private static final List<BenignCondition> GROUP_WIDE = List.of(
            BenignCondition.TEMPERATURE_STEP,
            BenignCondition.C_RATE_CHANGE,
            BenignCondition.CALENDAR_PAUSE,
            BenignCondition.DIAGNOSTIC_CYCLE);

    static final List<Template> FAULTS = List.of(
            Template.grouped(
                    "replicate-soft-short",
                    FaultFamily.SOFT_SHORT,
                    "3–8 replicate full cells, one develops a slow, mid-range, fast or intermittent leak; "
                            + "0–2 group-wide events",
                    (seed, days) -> fault("replicate-soft-short", seed, FaultFamily.SOFT_SHORT)),
            Template.grouped(
                    "replicate-capacity-loss",
                    FaultFamily.CAPACITY_LOSS,
                    "3–8 replicate cells of any chemistry, one loses 5–35 % of both capacities at once; "
                            + "0–2 group-wide events",
                    (seed, days) -> fault("replicate-capacity-loss", seed, FaultFamily.CAPACITY_LOSS)));

    static final List<Template> HEALTHY = List.of(Template.grouped(
            "replicate-group-healthy",
            FaultFamily.NONE,
            "3–8 replicate cells of any chemistry; temperature steps, C-rate changes, calendar pauses and "
                    + "diagnostic cycles hit every sibling at once",
            GroupTemplates::healthy));

    private GroupTemplates() {}

    /** The shared draws of a group: the same generator in the same order gives every member the same. */
    private record Shared(ReplicateDraw group, String fault, String events) {}

    private static LabGroup fault(String name, long seed, FaultFamily family) {
        Shared first = faultShared(name, seed, family);
        return first.group().toGroup(CAP_HOURS, (i, hours) -> {
            Shared s = faultShared(name, seed, family);
            boolean faulty = i == s.group().faultyMember;
            return s.group()
                    .member(
                            i,
                            hours,
                            faulty ? family : FaultFamily.NONE,
                            (faulty ? s.fault() : "healthy sibling of a " + s.fault()) + s.events());
        });
    }

    private static Shared faultShared(String name, long seed, FaultFamily family) {
        CellDraw d = new CellDraw(name, seed);
        List<Chemistry> chemistries =
                family == FaultFamily.SOFT_SHORT ? Chemistry.fullCells() : List.of(Chemistry.values());
        ReplicateDraw g = new ReplicateDraw(d, name, seed, d.pick(chemistries), true);
        CellPlan p = g.reference;
        int onset = p.startCycle + d.between(15, 60);
        String fault;
        if (family == FaultFamily.SOFT_SHORT) {
            LeakLaw law = FaultTemplates.drawLaw(d, d.pick(List.of(FaultTemplates.Law.values())));
            fault = String.format(Locale.ROOT, "%s from cycle %d", law.describe(), onset);
            g.fault = plan -> {
                plan.leak = law;
                plan.leakOnsetCycle = onset;
            };
            p.lastCycle = onset + 400;
        } else {
            double factor = d.uniform(0.65, 0.95);
            fault = String.format(Locale.ROOT, "capacity ×%.2f from cycle %d", factor, onset);
            g.fault = plan -> {
                plan.capacityLossCycle = onset;
                plan.capacityLossFactor = factor;
            };
            p.lastCycle = onset + d.between(30, 60);
        }
        g.faultyMember = d.between(0, g.size - 1);
        List<BenignCondition> added = new ArrayList<>();
        for (int k = d.between(0, 2); k > 0; k--) {
            BenignCondition c = d.pick(GROUP_WIDE);
            if (!added.contains(c)) {
                int last = onset + 10;
                g.apply(c, p.startCycle + 3, last, (last - p.startCycle) * CellDraw.roughCycleS(p) / 3600);
                added.add(c);
            }
        }
        String events = added.isEmpty()
                ? ""
                : "; group-wide "
                        + String.join(
                                ", ", added.stream().map(BenignCondition::label).toList());
        return new Shared(g, fault, events);
    }

    private static LabGroup healthy(long seed, double days) {
        String name = "replicate-group-healthy";
        return healthyShared(name, seed, days).group().toGroup(days * 24, (i, hours) -> {
            Shared s = healthyShared(name, seed, days);
            return s.group().member(i, hours, FaultFamily.NONE, "healthy replicate" + s.events());
        });
    }

    private static Shared healthyShared(String name, long seed, double days) {
        CellDraw d = new CellDraw(name, seed);
        ReplicateDraw g = new ReplicateDraw(d, name, seed, d.pick(List.of(Chemistry.values())), false);
        CellPlan p = g.reference;
        double hours = days * 24;
        int cycles = Math.max(6, (int) (hours * 3600 / CellDraw.roughCycleS(p)));
        for (BenignCondition c : GROUP_WIDE) {
            g.apply(c, p.startCycle + 2, p.startCycle + cycles - 2, hours);
        }
        return new Shared(
                g,
                "",
                "; group-wide "
                        + String.join(
                                ", ",
                                GROUP_WIDE.stream().map(BenignCondition::label).toList()));
    }
}
