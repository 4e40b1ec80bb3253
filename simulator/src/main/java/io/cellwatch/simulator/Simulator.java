package io.cellwatch.simulator;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
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
            truthList.add(ScenarioTruths.of(scenario, n, ids.get(n), config));
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
}
