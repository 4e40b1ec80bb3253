package io.cellwatch.evaluate;

import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.detect.DetectorSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scenario suite behind {@code cellwatch evaluate}: every failure scenario of the domain guide,
 * the long healthy runs the issue names (a symmetric cell for 2100 h, an LFP cell for 1300 cycles),
 * and a healthy population for the false-alarm rate, each simulated and run through the offline
 * pipeline with the standard detectors (the classes the live topology runs). Runs and population
 * shards go to a small thread pool; each is single-threaded and deterministic.
 */
public final class Evaluation {

    /**
     * What the suite found.
     *
     * @param scenarios  one score per suite run on the main seed
     * @param robustness every failure scenario's scores over all the seeds tried (the main one first)
     */
    public record Result(
            List<ScenarioScore> scenarios,
            Map<Scenario, List<ScenarioScore>> robustness,
            FalseAlarmTally population,
            FalseAlarmTally allHealthy,
            long healthyLfpSeed,
            double wallSeconds) {

        /** The score of the run of this scenario (the first, if several). */
        public ScenarioScore score(Scenario scenario) {
            return scenarios.stream()
                    .filter(s -> s.scenario() == scenario)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no run of " + scenario));
        }
    }

    private Evaluation() {}

    /** The suite's scenario runs for these settings (the healthy LFP seed searched from the settings' seed). */
    public static List<SuiteRun> suite(EvaluationSettings settings, long healthyLfpSeed) {
        long seed = settings.seed();
        return List.of(
                new SuiteRun("li-in soft short", Scenario.LI_IN_SOFT_SHORT, seed, 1000, 0),
                new SuiteRun("li-metal soft short", Scenario.LI_METAL_SOFT_SHORT, seed, 1000, 0),
                new SuiteRun("ce-fluctuation short", Scenario.CE_FLUCTUATION_SOFT_SHORT, seed, 1000, 0),
                new SuiteRun("symmetric short 60 h", Scenario.SYMMETRIC_DRIFT_SHORT, seed, 200, 0),
                new SuiteRun("ccd step-up", Scenario.CCD_STEP_UP, seed, 100, 0),
                new SuiteRun("ccd step-up, no short", Scenario.CCD_STEP_UP_NO_SHORT, seed, 100, 0),
                new SuiteRun("healthy symmetric 2100 h", Scenario.HEALTHY_SYMMETRIC, seed, 2100, 0),
                new SuiteRun("healthy lfp 1300 cycles", Scenario.HEALTHY_LFP, healthyLfpSeed, 5000, 1300));
    }

    /** The failure scenarios run again on more seeds, to show the figures are not one seed's luck. */
    public static List<SuiteRun> extraSeeds(EvaluationSettings settings) {
        List<SuiteRun> runs = new ArrayList<>();
        for (SuiteRun run : suite(settings, 0)) {
            if (run.scenario().shorts()) {
                for (int k = 1; k < settings.scenarioSeeds(); k++) {
                    runs.add(new SuiteRun(
                            run.label() + " #" + (settings.seed() + k),
                            run.scenario(),
                            settings.seed() + k,
                            run.hours(),
                            run.cycles()));
                }
            }
        }
        return runs;
    }

    public static Result run(EvaluationSettings settings, DetectorSet detectors, EvaluationProgress progress)
            throws InterruptedException {
        long started = System.nanoTime();
        long lfpSeed = HealthyLfpSeed.firstWatchedFromCycleOne(settings.seed(), settings.sampleIntervalS());
        List<SuiteRun> runs = suite(settings, lfpSeed);
        List<SuiteRun> extra = extraSeeds(settings);
        List<Shard> shards = shards(settings);
        progress.begin(runs.size() + extra.size(), settings.populationChannelDays());

        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "evaluate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<ChannelLog>>> shardFutures = new ArrayList<>();
            // Long runs first so the pool stays busy to the end.
            for (Shard shard : shards) {
                shardFutures.add(pool.submit(() -> shard.run(settings, detectors, progress)));
            }
            List<Future<ChannelLog>> scenarioFutures = submit(pool, runs, settings, detectors, progress);
            List<Future<ChannelLog>> extraFutures = submit(pool, extra, settings, detectors, progress);
            List<ScenarioScore> scores = new ArrayList<>();
            List<ChannelLog> healthyScenarioLogs = new ArrayList<>();
            Map<Scenario, List<ScenarioScore>> robustness = new LinkedHashMap<>();
            for (int i = 0; i < runs.size(); i++) {
                ChannelLog log = scenarioFutures.get(i).get();
                ScenarioScore score = ScenarioScore.of(runs.get(i).label(), log);
                scores.add(score);
                if (log.truth().onsetTestTimeS() == null) {
                    healthyScenarioLogs.add(log);
                }
                if (score.scenario().shorts()) {
                    robustness
                            .computeIfAbsent(score.scenario(), s -> new ArrayList<>())
                            .add(score);
                }
            }
            for (int i = 0; i < extra.size(); i++) {
                ScenarioScore score = ScenarioScore.of(
                        extra.get(i).label(), extraFutures.get(i).get());
                robustness
                        .computeIfAbsent(score.scenario(), s -> new ArrayList<>())
                        .add(score);
            }
            List<ChannelLog> population = new ArrayList<>();
            for (Future<List<ChannelLog>> future : shardFutures) {
                population.addAll(future.get());
            }
            List<ChannelLog> allHealthy = new ArrayList<>(population);
            allHealthy.addAll(healthyScenarioLogs);
            progress.end();
            return new Result(
                    scores,
                    robustness,
                    FalseAlarmTally.of(population),
                    FalseAlarmTally.of(allHealthy),
                    lfpSeed,
                    (System.nanoTime() - started) / 1e9);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Future<ChannelLog>> submit(
            ExecutorService pool,
            List<SuiteRun> runs,
            EvaluationSettings settings,
            DetectorSet detectors,
            EvaluationProgress progress) {
        List<Future<ChannelLog>> futures = new ArrayList<>();
        for (SuiteRun run : runs) {
            futures.add(pool.submit(() -> {
                ChannelLog log = run.run(settings, detectors, f -> progress.scenario(run.label(), f));
                progress.scenarioDone(run.label());
                return log;
            }));
        }
        return futures;
    }

    /** The healthy population split into a few simulators with their own seeds, so threads share it. */
    private static List<Shard> shards(EvaluationSettings settings) {
        int count = Math.min(settings.populationChannels(), Math.max(1, 2 * settings.threads()));
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int channels = settings.populationChannels() / count + (i < settings.populationChannels() % count ? 1 : 0);
            shards.add(new Shard(settings.seed() * 1000 + 1 + i, channels));
        }
        return shards;
    }

    private record Shard(long seed, int channels) {
        List<ChannelLog> run(EvaluationSettings settings, DetectorSet detectors, EvaluationProgress progress) {
            Simulator simulator = Simulator.create(new SimulatorConfig(
                    channels, seed, settings.sampleIntervalS(), SimulatorConfig.DEMO_START_EPOCH_MS, false));
            double[] reported = {0};
            return new SimulatedRun(simulator, detectors, false).run(settings.populationDays() * 24, r -> false, h -> {
                double channelDays = channels * h / 24;
                progress.population(channelDays - reported[0]);
                reported[0] = channelDays;
            });
        }
    }
}
