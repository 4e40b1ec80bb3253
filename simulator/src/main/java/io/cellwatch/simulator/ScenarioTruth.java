package io.cellwatch.simulator;

/**
 * What really happens on a simulated channel, for scoring detectors against.
 *
 * <p>Times are in the channel's own test time ({@code Sample.testTimeS}), which for channels that
 * joined a long-running test does not start at zero. <em>Onset</em> is the first moment the fault
 * changes the data (the start of the first leaking cycle, which is the end of the previous cycle's
 * last step, or the overpotential collapse of a symmetric cell); <em>death</em> is the moment the
 * cell is lost: the cycler's safety stop of an endless charge for full cells, the hard short for
 * symmetric cells. Both are null for channels that never short.
 *
 * @param channelId      the simulated channel
 * @param scenario       what the channel does
 * @param onsetCycle     cycle index of the onset, or null
 * @param deathCycle     cycle index of the death, or null
 * @param onsetTestTimeS test time of the onset, or null
 * @param deathTestTimeS test time of the death, or null
 * @param description    one line a person reads in an evaluation report
 */
public record ScenarioTruth(
        String channelId,
        Scenario scenario,
        Integer onsetCycle,
        Integer deathCycle,
        Double onsetTestTimeS,
        Double deathTestTimeS,
        String description) {}
