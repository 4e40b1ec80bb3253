package io.cellwatch.simulator.lab;

/**
 * One benign event on a simulated channel: what happened, when (seconds since the scenario's first
 * sample; equal start and end for instantaneous events) and how big, in words a person reads.
 *
 * @param condition what kind of event
 * @param startS    when it began, channel seconds
 * @param endS      when it ended, channel seconds (the run's end for lasting changes)
 * @param detail    its size (e.g. "capacity ×0.78 at 6 °C")
 */
public record BenignEvent(BenignCondition condition, double startS, double endS, String detail) {}
