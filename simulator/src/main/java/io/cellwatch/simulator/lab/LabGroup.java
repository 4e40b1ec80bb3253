package io.cellwatch.simulator.lab;

import java.util.function.BiFunction;

/**
 * A replicate group of the lab-conditions library, drawn from a grouped template and a seed: cells
 * built alike, declared with the same {@code group}, run side by side on one protocol in one chamber,
 * each a channel of its own ({@link LabScenario}). In a fault group one member develops the fault
 * and is the one scored; its siblings stay healthy. A member's scenario is drawn for a horizon, so
 * the siblings of a faulty cell can be run for as long as it ran (the lab stops the group's test
 * when the failing cell has been watched to its end).
 */
public final class LabGroup {
    private final String group;
    private final int size;
    private final int faultyMember;
    private final double hours;
    private final BiFunction<Integer, Double, LabScenario> members;

    /**
     * @param group        the group's name, as every member declares it
     * @param size         the number of cells
     * @param faultyMember the index of the cell that develops the fault, or -1 in a healthy group
     * @param hours        the horizon each member is drawn for unless told otherwise
     * @param members      a member's scenario from its index and horizon
     */
    LabGroup(String group, int size, int faultyMember, double hours, BiFunction<Integer, Double, LabScenario> members) {
        this.group = group;
        this.size = size;
        this.faultyMember = faultyMember;
        this.hours = hours;
        this.members = members;
    }

    /** The group name every member declares. */
    public String group() {
        return group;
    }

    public int size() {
        return size;
    }

    /** The index of the faulty member, or -1 when every member is healthy. */
    public int faultyMember() {
        return faultyMember;
    }

    /** The member scored for the group: the faulty one, or the first of a healthy group. */
    public int scoredMember() {
        return Math.max(0, faultyMember);
    }

    /** Member i for the group's own horizon. */
    public LabScenario member(int i) {
        return member(i, hours);
    }

    /** Member i run for at most this many hours (the run also stops as its plan says). */
    public LabScenario member(int i, double runHours) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("member " + i + " of a group of " + size);
        }
        return members.apply(i, runHours);
    }

    LabScenario scoredScenario() {
        return member(scoredMember());
    }
}
