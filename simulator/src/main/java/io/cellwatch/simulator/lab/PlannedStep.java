package io.cellwatch.simulator.lab;

import io.cellwatch.model.StepType;

/**
 * One step of a cycle's schedule as the cycler runs it.
 *
 * @param kind       what the cycler controls: current (CC), voltage (CV), nothing (REST, OTHER)
 * @param stepIndex  the schedule's step number, as logged
 * @param type       the step type logged
 * @param currentA   CC: the applied current, charge positive; CV: the largest current it may draw
 * @param limitV     CC: the voltage that ends it; CV: the voltage held
 * @param maxS       the longest it runs (a CC charge or discharge: the cycler's step time limit)
 * @param cutoffA    CV: the current that ends it
 * @param logged     false: the cycler writes no row during it (a pause)
 * @param minRowS    rows at most this often during it (a long calendar rest logged sparsely)
 * @param safety     reaching maxS is the cycler's safety limit: the test stops
 * @param event      the benign event this step is, or null
 * @param detail     the event's size in words
 */
record PlannedStep(
        Kind kind,
        int stepIndex,
        StepType type,
        double currentA,
        double limitV,
        double maxS,
        double cutoffA,
        boolean logged,
        double minRowS,
        boolean safety,
        BenignCondition event,
        String detail) {

    enum Kind {
        CC,
        CV,
        REST,
        OTHER
    }

    static PlannedStep cc(int step, StepType type, double currentA, double limitV, double maxS, boolean safety) {
        return new PlannedStep(Kind.CC, step, type, currentA, limitV, maxS, 0, true, 0, safety, null, null);
    }

    /** Holds limitV with at most capA (the charge current) until the current falls to cutoffA. */
    static PlannedStep cv(int step, double limitV, double capA, double cutoffA, double maxS) {
        return new PlannedStep(Kind.CV, step, StepType.CHARGE, capA, limitV, maxS, cutoffA, true, 0, false, null, null);
    }

    static PlannedStep rest(int step, double seconds) {
        return new PlannedStep(Kind.REST, step, StepType.REST, 0, 0, seconds, 0, true, 0, false, null, null);
    }

    PlannedStep as(BenignCondition condition, String what) {
        return new PlannedStep(
                kind, stepIndex, type, currentA, limitV, maxS, cutoffA, logged, minRowS, safety, condition, what);
    }

    PlannedStep unlogged() {
        return new PlannedStep(
                kind, stepIndex, type, currentA, limitV, maxS, cutoffA, false, minRowS, safety, event, detail);
    }

    PlannedStep rowsAtMostEvery(double seconds) {
        return new PlannedStep(
                kind, stepIndex, type, currentA, limitV, maxS, cutoffA, logged, seconds, safety, event, detail);
    }

    /** The step logged after all, with rows at most every so many seconds (a pause the cycler logs sparsely). */
    PlannedStep loggedEvery(double seconds) {
        return new PlannedStep(
                kind, stepIndex, type, currentA, limitV, maxS, cutoffA, true, seconds, safety, event, detail);
    }

    /** A zero-current period inside a step that keeps the step's index and type (the cycler paused it). */
    static PlannedStep pauseInside(int step, StepType type, double seconds) {
        return new PlannedStep(Kind.REST, step, type, 0, 0, seconds, 0, false, 0, false, null, null);
    }

    static PlannedStep other(int step, double seconds) {
        return new PlannedStep(Kind.OTHER, step, StepType.OTHER, 0, 0, seconds, 0, true, 0, false, null, null);
    }
}
