package io.cellwatch.simulator.lab;

import io.cellwatch.model.ChannelInfo;
import java.util.Comparator;
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
 * group and sets every current from it, so a cell with more capacity takes longer per cycle, and one
 * that fades faster speeds up: the siblings' cycles drift apart in time.
 *
 * <p>Which clock a group-wide event follows is what the lab physically does. The chamber's
 * temperature step changes the air around every cell at one moment, and a calendar pause is the lab
 * stopping the rack (a holiday, a shutdown) and starting it again at one moment: both are bound to
 * the wall clock ({@link ClockEvents}), so they meet each sibling at the same channel second in
 * whatever cycle and step it has reached. A rate change and a diagnostic cycle are steps of the
 * schedule, triggered by each channel's own cycle counter: they come at the same cycle index.
 * The shared draws place events by the reference cell's cycles; the moment of a cycle is the
 * reference cell's schedule worked out cycle by cycle (its rates, capacity and pauses), the same
 * for every sibling.
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
     * Member i: the reference cell with its own differences, the chamber's steps and the lab's pauses
     * bound to the moments the reference schedule gives them, the fault when it is the faulty member.
     */
    LabScenario member(int i, double hours, FaultFamily family, String description) {
        CellPlan p = reference;
        SplittableRandom own = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 7919L * (i + 1) ^ template.hashCode());
        toTheClock(p);
        p.capacityAh *= 1 + capacitySpread * own.nextGaussian();
        p.resistanceOhm *= Math.max(0.5, 1 + resistanceSpread * own.nextGaussian());
        p.ceLoss *= Math.max(0, 1 + ageingSpread * own.nextGaussian());
        p.fadePerCycle *= Math.max(0, 1 + ageingSpread * own.nextGaussian());
        p.selfDischargePerMonth *= Math.max(0, 1 + ageingSpread * own.nextGaussian());
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

    /**
     * Moves the reference plan's chamber steps and calendar pauses, drawn on its cycles, to the wall
     * clock: each at the moment the reference schedule reaches it (a pause after the charge or the
     * discharge of its cycle, as drawn). Done on the reference before the member's own differences,
     * so every sibling gets the same moments.
     */
    private static void toTheClock(CellPlan p) {
        for (CellPlan.TemperatureStep s : p.temperatureSteps) {
            double to = s.toCycle() == Integer.MAX_VALUE ? Double.POSITIVE_INFINITY : beginS(p, s.toCycle());
            p.clock.chamberSteps.add(
                    new ClockEvents.ChamberStep(beginS(p, s.fromCycle()), to, s.deltaC(), s.capacityFactor()));
        }
        for (CellPlan.CalendarPause c : p.calendarPauses) {
            double[] legs = legsS(p, c.cycle());
            // after the cycle's first leg (the charge, or an anode half cell's discharge), else at its end
            boolean afterFirstLeg = c.afterCharge() != p.chemistry.dischargeFirst;
            double into = afterFirstLeg ? legs[c.afterCharge() ? 0 : 1] : legs[0] + legs[1];
            p.clock.pauses.add(new ClockEvents.LabPause(beginS(p, c.cycle()) + into, c.durationS(), c.logged()));
        }
        p.clock.pauses.sort(Comparator.comparingDouble(ClockEvents.LabPause::fromS));
        p.temperatureSteps.clear();
        p.calendarPauses.clear();
    }

    /** Channel seconds at which the reference schedule begins cycle c: its cycles' legs and pauses before it. */
    private static double beginS(CellPlan p, int c) {
        double s = 0;
        for (int k = p.startCycle; k < c; k++) {
            double[] legs = legsS(p, k);
            s += legs[0] + legs[1];
            for (CellPlan.CalendarPause pause : p.calendarPauses) {
                s += pause.cycle() == k ? pause.durationS() : 0;
            }
        }
        return s;
    }

    /**
     * The charge with its rest and the discharge with its rest of cycle k on the reference schedule:
     * the constant-current legs scale with the cycle's capacity over the declared nominal, at the
     * cycle's rates.
     */
    private static double[] legsS(CellPlan p, int k) {
        double full = p.capacityAh(k) / p.nominalAh;
        return new double[] {
            3600 * 0.9 * full / p.chargeRate(k) + p.restAfterChargeS,
            3600 * 0.9 * full / p.dischargeRate(k) + p.restAfterDischargeS
        };
    }
}
