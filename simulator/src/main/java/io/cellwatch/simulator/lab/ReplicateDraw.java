package io.cellwatch.simulator.lab;

import io.cellwatch.model.ChannelInfo;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The draws of one replicate group: a reference cell and schedule (the baseline draws of
 * {@link CellDraw}) that every member shares, the group's size, how far its cells differ, and each
 * member's own cell. Built afresh for every member from the same generator, so every member sees
 * the same shared draws; a member's own differences come from a generator of its own.
 *
 * <p>Cell-to-cell spread of replicates of one batch, per cell (normal, one σ drawn per group):
 * capacity 0.3–3 % (commercial cells of one lot ~0.3–1 %, hand-made coin and pouch cells a few %),
 * ohmic resistance 2–10 % (contact pressure, electrolyte fill), and the side-reaction loss per cycle,
 * fade rate and self-discharge 10–30 % (relative). The lab declares one nominal capacity for the
 * group and sets every current from it, so a cell with more capacity takes longer per cycle: the
 * siblings' cycles drift apart in time, and an event of the chamber or the calendar (a temperature
 * step, a pause) that hits all at one moment falls on different cycle indices of cells that have
 * drifted apart; protocol events (a rate change, a diagnostic cycle) come at the same cycle index.
 */
final class ReplicateDraw {
    final CellPlan reference;
    final int size;
    /** The member that develops the fault, or -1. */
    int faultyMember = -1;
    /** Puts the fault into the faulty member's plan. */
    Consumer<CellPlan> fault = plan -> {};

    private final CellDraw draw;
    private final String template;
    private final long seed;
    private final double capacitySpread;
    private final double resistanceSpread;
    private final double ageingSpread;

    ReplicateDraw(CellDraw d, String template, long seed, Chemistry chemistry, boolean keepOnTest) {
        this.draw = d;
        this.template = template;
        this.seed = seed;
        this.reference = d.fullCell(chemistry);
        reference.stopAtEndOfLife = !keepOnTest;
        this.size = d.between(3, 8);
        this.capacitySpread = d.uniform(0.003, 0.03);
        this.resistanceSpread = d.uniform(0.02, 0.10);
        this.ageingSpread = d.uniform(0.1, 0.3);
    }

    /** A group-wide benign condition on the shared schedule (cycles of the reference cell). */
    void apply(BenignCondition condition, int first, int last, double hours) {
        Conditions.apply(condition, draw, reference, first, last, hours);
    }

    LabGroup toGroup(double hours, BiFunction<Integer, Double, LabScenario> members) {
        return new LabGroup(draw.channelId(), size, faultyMember, hours, members);
    }

    /**
     * Member i: the reference cell with its own differences, the chamber's and calendar's events
     * moved to the cycles it has reached by then, the fault when it is the faulty member.
     */
    LabScenario member(int i, double hours, FaultFamily family, String description) {
        CellPlan p = reference;
        SplittableRandom own = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 7919L * (i + 1) ^ template.hashCode());
        double referenceCycleS = cycleS(p);
        p.capacityAh *= 1 + capacitySpread * own.nextGaussian();
        p.resistanceOhm *= Math.max(0.5, 1 + resistanceSpread * own.nextGaussian());
        p.ceLoss *= Math.max(0, 1 + ageingSpread * own.nextGaussian());
        p.fadePerCycle *= Math.max(0, 1 + ageingSpread * own.nextGaussian());
        p.selfDischargePerMonth *= Math.max(0, 1 + ageingSpread * own.nextGaussian());
        double pace = referenceCycleS / cycleS(p);
        List<CellPlan.TemperatureStep> steps = p.temperatureSteps.stream()
                .map(s -> new CellPlan.TemperatureStep(
                        cycleAt(p, s.fromCycle(), pace),
                        s.toCycle() == Integer.MAX_VALUE ? Integer.MAX_VALUE : cycleAt(p, s.toCycle(), pace),
                        s.deltaC(),
                        s.capacityFactor()))
                .toList();
        p.temperatureSteps.clear();
        p.temperatureSteps.addAll(steps);
        List<CellPlan.CalendarPause> pauses = p.calendarPauses.stream()
                .map(c -> new CellPlan.CalendarPause(
                        cycleAt(p, c.cycle(), pace), c.afterCharge(), c.durationS(), c.logged()))
                .toList();
        p.calendarPauses.clear();
        p.calendarPauses.addAll(pauses);
        if (family != FaultFamily.NONE) {
            fault.accept(p);
        }
        ChannelInfo d = draw.info(p);
        ChannelInfo declared = new ChannelInfo(
                d.schemaVersion(),
                draw.channelId() + "-c" + (i + 1),
                d.cellType(),
                d.chemistry(),
                d.electrodeAreaCm2(),
                d.activeMassG(),
                d.nominalCapacityAh(),
                d.protocol(),
                d.ceConvention(),
                draw.channelId());
        LabScenario.Cell cell =
                new LabScenario.Cell(declared, p, null, draw.logging, draw.quirks, hours, p.testTimeAtStartS);
        String words = String.format(
                Locale.ROOT,
                "member %d of %d (spread: capacity %.1f %%, resistance %.0f %%, ageing %.0f %%): %s",
                i + 1,
                size,
                100 * capacitySpread,
                100 * resistanceSpread,
                100 * ageingSpread,
                description);
        return new LabScenario(
                template + "/c" + (i + 1),
                seed,
                family,
                CellDraw.words(p),
                words,
                List.of(cell),
                draw.known,
                LabScenario.START_EPOCH_MS);
    }

    /** The member's cycle when the reference cell is at cycle c: a cell with more capacity runs slower. */
    private static int cycleAt(CellPlan p, int c, double pace) {
        return p.startCycle + (int) Math.round((c - p.startCycle) * pace);
    }

    /** One ordinary cycle's duration: the constant-current legs scale with capacity over the declared nominal. */
    private static double cycleS(CellPlan p) {
        return 3600 * 0.9 * (p.capacityAh / p.nominalAh) * (1 / p.chargeRate + 1 / p.dischargeRate)
                + p.restAfterChargeS
                + p.restAfterDischargeS;
    }
}
