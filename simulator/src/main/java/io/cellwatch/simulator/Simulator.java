package io.cellwatch.simulator;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A fleet of simulated cycler channels: healthy cells and cells that reproduce the failure
 * behaviours of the domain guide, each with its ground truth.
 *
 * <p>Simulated time starts at zero for every channel; a channel's test time ({@code Sample.testTimeS})
 * is simulated time plus the test time it had already run when monitoring joined. Samples come every
 * {@link SimulatorConfig#sampleIntervalS()} and at every step end. Everything is a function of the
 * configuration (and scenario list): the same inputs give the same samples, bit for bit, however
 * {@link #advanceTo} is sliced.
 *
 * <p>Not thread-safe; drive it from one thread.
 */
public final class Simulator {
    /** Ground truth is worked out by running each failure channel's protocol to its end, up to this. */
    private static final double TRUTH_HORIZON_S = 10_000 * 3600.0;

    private static final Comparator<ChannelSim> BY_NEXT_SAMPLE = (a, b) -> {
        int c = Double.compare(a.nextTimeS(), b.nextTimeS());
        return c != 0 ? c : Integer.compare(a.number, b.number);
    };

    private final SimulatorConfig config;
    private final List<Scenario> scenarios;
    private final ChannelSim[] channels;
    private final List<ChannelInfo> infos;
    private final List<ScenarioTruth> allTruths;
    private final List<ScenarioTruth> truths;
    private final PriorityQueue<ChannelSim> queue;
    private double simTimeS;

    private Simulator(SimulatorConfig config, List<Scenario> scenarios) {
        this.config = config;
        this.scenarios = List.copyOf(scenarios);
        List<String> ids = Fleet.channelIds(this.scenarios);
        this.channels = new ChannelSim[this.scenarios.size()];
        List<ChannelInfo> infoList = new ArrayList<>(channels.length);
        List<ScenarioTruth> truthList = new ArrayList<>(channels.length);
        for (int n = 0; n < channels.length; n++) {
            Scenario scenario = this.scenarios.get(n);
            channels[n] = Fleet.newChannel(scenario, n, ids.get(n), config);
            infoList.add(channels[n].info);
            truthList.add(truthOf(scenario, n, ids.get(n)));
        }
        this.infos = Collections.unmodifiableList(infoList);
        this.allTruths = Collections.unmodifiableList(truthList);
        this.truths = allTruths.stream().filter(t -> !t.scenario().isHealthy()).toList();
        this.queue = new PriorityQueue<>(Math.max(1, channels.length), BY_NEXT_SAMPLE);
        for (ChannelSim channel : channels) {
            channel.start();
            if (!channel.ended()) {
                queue.add(channel);
            }
        }
    }

    /** The default fleet of {@code config.channels()} channels (see {@link SimulatorConfig}). */
    public static Simulator create(SimulatorConfig config) {
        Objects.requireNonNull(config, "config");
        return new Simulator(config, Fleet.defaultScenarios(config));
    }

    /**
     * A fleet with exactly these scenarios, one channel each, in this order (e.g. 1,000 healthy
     * channels for false-alarm rates, or one failure scenario alone). The configuration's channel
     * count and failure flag are ignored; its seed, sample interval and start time apply.
     */
    public static Simulator create(SimulatorConfig config, List<Scenario> scenarios) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(scenarios, "scenarios");
        if (scenarios.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("scenarios must not contain null");
        }
        return new Simulator(config, scenarios);
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Metadata of every channel, in channel order. */
    public List<ChannelInfo> channels() {
        return infos;
    }

    /** The scenario of every channel, in channel order. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** Ground truth of every channel that is not a healthy background channel, in channel order. */
    public List<ScenarioTruth> truths() {
        return truths;
    }

    /** Ground truth of every channel, healthy ones included (with null onset and death), in channel order. */
    public List<ScenarioTruth> allTruths() {
        return allTruths;
    }

    /** Ground truth of one channel. */
    public Optional<ScenarioTruth> truth(String channelId) {
        return allTruths.stream().filter(t -> t.channelId().equals(channelId)).findFirst();
    }

    /**
     * Emits, in non-decreasing simulated-time order across all channels (ties in channel order),
     * every sample with sim time {@code <= simTimeS} not emitted before. Sim time of a sample is
     * {@code (wallTimeMs - startEpochMs) / 1000}. If the sink throws, the sample it was handed is
     * not offered again and the exception propagates.
     *
     * @throws IllegalArgumentException when simTimeS is before the current simulated time
     */
    public void advanceTo(double simTimeS, Consumer<Sample> sink) {
        checkTarget(simTimeS);
        Objects.requireNonNull(sink, "sink");
        while (!queue.isEmpty() && queue.peek().nextTimeS() <= simTimeS) {
            ChannelSim channel = queue.poll();
            Sample sample;
            try {
                sample = channel.emitNext();
            } finally {
                if (!channel.ended()) {
                    queue.add(channel);
                }
            }
            sink.accept(sample);
        }
        this.simTimeS = simTimeS;
    }

    /** Simulated seconds since the start. */
    public double simTimeS() {
        return simTimeS;
    }

    /** True when every channel has ended its test (dead cells stop; healthy ones never end on their own). */
    public boolean finished() {
        return queue.isEmpty();
    }

    // ---- for SimFiles: one channel at a time, so only one file is open at once ------------------

    int channelCount() {
        return channels.length;
    }

    /** Advances channel n alone to simTimeS; call {@link #settle} once every channel got there. */
    void advanceChannelTo(int n, double simTimeS, Consumer<Sample> sink) {
        checkTarget(simTimeS);
        ChannelSim channel = channels[n];
        queue.remove(channel);
        try {
            while (!channel.ended() && channel.nextTimeS() <= simTimeS) {
                sink.accept(channel.emitNext());
            }
        } finally {
            if (!channel.ended()) {
                queue.add(channel);
            }
        }
    }

    /** Declares that every channel has been advanced to simTimeS. */
    void settle(double simTimeS) {
        checkTarget(simTimeS);
        this.simTimeS = simTimeS;
    }

    private void checkTarget(double target) {
        if (Double.isNaN(target) || target < simTimeS) {
            throw new IllegalArgumentException(
                    "cannot advance to " + target + " s: simulated time is already " + simTimeS + " s");
        }
    }

    // ---- ground truth ----------------------------------------------------------------------------

    private ScenarioTruth truthOf(Scenario scenario, int number, String channelId) {
        if (scenario.isHealthy()) {
            return new ScenarioTruth(channelId, scenario, null, null, null, null, healthyDescription(scenario));
        }
        // Run a twin of the channel through its protocol without sampling: the protocol's course
        // depends only on its own random stream, never on the sample noise, so the twin dies when the
        // channel will.
        ChannelSim twin = Fleet.newChannel(scenario, number, channelId, config);
        TreeMap<Double, Integer> cycleAtTestTime = new TreeMap<>();
        Map<Integer, Double> cycleStartTestTime = new HashMap<>();
        twin.listenForCycleStarts((cycle, simTime) -> {
            double testTime = twin.testTimeAt(simTime);
            cycleAtTestTime.put(testTime, cycle);
            cycleStartTestTime.putIfAbsent(cycle, testTime);
        });
        twin.runWithoutSampling(TRUTH_HORIZON_S);
        if (!twin.ended()) {
            throw new IllegalStateException(channelId + ": " + scenario + " did not end within the truth horizon");
        }
        double endTestTime = ChannelSim.roundTo(twin.testTimeAt(twin.endSimTimeS()), 1e3);
        int endCycle = twin.cycleIndex;
        return switch (scenario) {
            case LI_IN_SOFT_SHORT, LI_METAL_SOFT_SHORT, CE_FLUCTUATION_SOFT_SHORT -> {
                FullCellSpec spec = ((FullCellChannel) twin).spec();
                int onset = spec.leak.onsetCycle();
                yield new ScenarioTruth(
                        channelId,
                        scenario,
                        onset,
                        endCycle,
                        cycleStartTestTime.get(onset),
                        endTestTime,
                        failureDescription(scenario, onset, endCycle));
            }
            case SYMMETRIC_DRIFT_SHORT, CCD_STEP_UP -> {
                SymmetricSpec spec = ((SymmetricCellChannel) twin).spec();
                int onset = cycleAtTestTime.floorEntry(spec.softShortAtS).getValue();
                int death = cycleAtTestTime.floorEntry(spec.hardShortAtS).getValue();
                yield new ScenarioTruth(
                        channelId,
                        scenario,
                        onset,
                        death,
                        spec.softShortAtS,
                        spec.hardShortAtS,
                        failureDescription(scenario, onset, death));
            }
            case CCD_STEP_UP_NO_SHORT ->
                new ScenarioTruth(
                        channelId,
                        scenario,
                        null,
                        null,
                        null,
                        null,
                        "step-up at 0.5 mAh/cm² per half-step from 0.5 mA/cm², no short; test ends after the "
                                + "9.0 mA/cm² step (cycle " + endCycle + ") at test time " + endTestTime + " s");
            default -> throw new IllegalStateException(scenario.toString());
        };
    }

    private static String healthyDescription(Scenario scenario) {
        return switch (scenario) {
            case HEALTHY_NCM -> "healthy NCM/graphite, ~0.02 %/cycle fade; first cycle (formation) CE is low";
            case HEALTHY_LFP ->
                "healthy LFP|QCPE@P-DOL|Li at 2C, 81.7 % after 1300 cycles; C/10 diagnostic cycle "
                        + "(steps 6-10) at every cycle index divisible by 100 shifts CE of it and the next cycle";
            case HEALTHY_SYMMETRIC -> "healthy Li|QCPE@P-DOL|Li at 0.2 mA/cm², ~80 mV, 1 h half-cycles";
            default -> scenario.toString();
        };
    }

    private static String failureDescription(Scenario scenario, int onset, int death) {
        return switch (scenario) {
            case LI_IN_SOFT_SHORT ->
                "Li-In dendrite soft short: charge capacity up and discharge down from cycle " + onset
                        + ", endless charge with low dV/dt at cycle " + death + " until the charge time limit";
            case LI_METAL_SOFT_SHORT ->
                "Li dendrite soft short: charge up, discharge and CE down from cycle " + onset
                        + ", endless charge at cycle " + death + " until the charge time limit";
            case CE_FLUCTUATION_SOFT_SHORT ->
                "intermittent soft short: CE fluctuates from cycle " + onset + ", endless charge at cycle " + death
                        + " until the charge time limit";
            case SYMMETRIC_DRIFT_SHORT ->
                "overpotential rises from ~270 mV; soft short (collapse, noise) in cycle " + onset
                        + " at 60 h, hard short (I·R_short) in cycle " + death + "; test stopped at 66 h";
            case CCD_STEP_UP ->
                "step-up 0.2 mA/cm² per 1 h step: CCD 2.4 mA/cm² (cycle " + (onset - 1)
                        + "); shorts in the 2.6 mA/cm² step (cycle " + onset + ")";
            default -> scenario.toString();
        };
    }
}
