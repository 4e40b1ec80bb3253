package io.cellwatch.evaluate;

import io.cellwatch.simulator.lab.LabGroup;
import io.cellwatch.simulator.lab.ScenarioLibrary;
import io.cellwatch.streams.detect.DetectorSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The evaluation behind {@code cellwatch evaluate}: every fault template of the lab-conditions
 * library on its seeds, every healthy template on its channels, and the shared real exports, each
 * run through the offline pipeline with the detectors the live topology runs, and scored
 * ({@link FaultScore}, {@link FalseAlarmTally}). Channels go to a small thread pool; each is
 * single-threaded and deterministic, so the figures do not depend on the number of threads.
 */
public final class Evaluation {

    /**
     * What the evaluation found.
     *
     * @param faults      one tally per fault template, in library order
     * @param population  the healthy channels per healthy template, in library order
     * @param real        the real exports, or null when left out or absent
     * @param plotted     the kept channel of the plot template, or null
     * @param wallSeconds how long it took
     */
    public record Result(
            List<FamilyTally> faults,
            Map<ScenarioLibrary.Template, List<ChannelLog>> population,
            RealExports.Result real,
            ChannelLog plotted,
            double wallSeconds) {

        /** False alarms per healthy template. */
        public Map<ScenarioLibrary.Template, FalseAlarmTally> falseAlarms() {
            Map<ScenarioLibrary.Template, FalseAlarmTally> out = new LinkedHashMap<>();
            population.forEach((t, logs) -> out.put(t, FalseAlarmTally.of(logs)));
            return out;
        }

        /** False alarms over the whole healthy population. */
        public FalseAlarmTally allHealthy() {
            return FalseAlarmTally.of(
                    population.values().stream().flatMap(List::stream).toList());
        }

        public FamilyTally tally(String template) {
            return faults.stream()
                    .filter(f -> f.template().equals(template))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fault template " + template));
        }
    }

    private Evaluation() {}

    public static Result run(EvaluationSettings settings, DetectorSet detectors, EvaluationProgress progress)
            throws InterruptedException {
        return run(settings, detectors, progress, Clock.systemUTC());
    }

    /** As {@link #run(EvaluationSettings, DetectorSet, EvaluationProgress)}; the clock times the run, nothing else. */
    public static Result run(
            EvaluationSettings settings, DetectorSet detectors, EvaluationProgress progress, Clock clock)
            throws InterruptedException {
        Instant started = clock.instant();
        List<ScenarioLibrary.Template> faults = ScenarioLibrary.faults().stream()
                .filter(t -> settings.runs(t.name()))
                .toList();
        List<ScenarioLibrary.Template> healthy = ScenarioLibrary.healthy().stream()
                .filter(t -> settings.runs(t.name()))
                .toList();
        boolean withReal = settings.realData() != null && Files.isDirectory(settings.realData());
        progress.begin(
                faults.size() * settings.seedsPerFamily(),
                healthy.size() * settings.populationChannels(),
                settings.populationDays(),
                withReal);
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "evaluate");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<RealExports.Result> real =
                    withReal ? pool.submit(() -> RealExports.run(settings.realData(), detectors)) : null;
            Map<ScenarioLibrary.Template, List<Future<Played>>> faultRuns =
                    submitAll(pool, faults, settings, settings.seedsPerFamily(), 0, detectors, progress);
            Map<ScenarioLibrary.Template, List<Future<Played>>> healthyRuns = submitAll(
                    pool,
                    healthy,
                    settings,
                    settings.populationChannels(),
                    settings.populationDays(),
                    detectors,
                    progress);
            List<FamilyTally> tallies = new ArrayList<>();
            ChannelLog plotted = null;
            for (var entry : faultRuns.entrySet()) {
                List<Played> runs = collect(entry.getValue());
                List<ChannelLog> logs = runs.stream().map(Played::scoredLog).toList();
                tallies.add(new FamilyTally(
                        entry.getKey().name(),
                        entry.getKey().family(),
                        logs.stream().map(FaultScore::of).toList(),
                        runs.stream().flatMap(r -> r.siblings().stream()).toList()));
                plotted = plotted != null ? plotted : keptFor(settings, entry.getKey(), logs);
            }
            Map<ScenarioLibrary.Template, List<ChannelLog>> population = new LinkedHashMap<>();
            for (var entry : healthyRuns.entrySet()) {
                List<ChannelLog> logs = collect(entry.getValue()).stream()
                        .flatMap(r -> r.logs().stream())
                        .toList();
                population.put(entry.getKey(), logs);
                plotted = plotted != null ? plotted : keptFor(settings, entry.getKey(), logs);
            }
            RealExports.Result realResult = real == null ? null : real.get();
            progress.end();
            return new Result(
                    tallies,
                    population,
                    realResult,
                    plotted,
                    Duration.between(started, clock.instant()).toNanos() / 1e9);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io;
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ChannelLog keptFor(
            EvaluationSettings settings, ScenarioLibrary.Template template, List<ChannelLog> logs) {
        return template.name().equals(settings.plotTemplate()) && !logs.isEmpty() ? logs.get(0) : null;
    }

    /** The channels of one seed of a template: one, or a replicate group's (the scored member and its siblings). */
    private record Played(List<ChannelLog> logs, int scored) {
        ChannelLog scoredLog() {
            return logs.get(scored);
        }

        List<ChannelLog> siblings() {
            List<ChannelLog> others = new ArrayList<>(logs);
            others.remove(scored);
            return others;
        }
    }

    private static Map<ScenarioLibrary.Template, List<Future<Played>>> submitAll(
            ExecutorService pool,
            List<ScenarioLibrary.Template> templates,
            EvaluationSettings settings,
            int seeds,
            double days,
            DetectorSet detectors,
            EvaluationProgress progress) {
        Map<ScenarioLibrary.Template, List<Future<Played>>> out = new LinkedHashMap<>();
        for (ScenarioLibrary.Template template : templates) {
            List<Future<Played>> futures = new ArrayList<>();
            for (int k = 0; k < seeds; k++) {
                long seed = settings.firstSeed() + k;
                boolean keep = k == 0 && template.name().equals(settings.plotTemplate());
                Callable<Played> task = () -> {
                    Played played;
                    if (template.grouped()) {
                        LabGroup group = template.drawGroup(seed, days);
                        played = new Played(LabChannelRun.run(group, detectors, keep), group.scoredMember());
                    } else {
                        played = new Played(List.of(LabChannelRun.run(template.draw(seed, days), detectors, keep)), 0);
                    }
                    // A group is one step of the progress (its planned count is per seed), all its channel-days.
                    progress.channelDone(
                            template.healthy(),
                            played.logs().stream()
                                    .mapToDouble(ChannelLog::channelDays)
                                    .sum());
                    return played;
                };
                futures.add(pool.submit(task));
            }
            out.put(template, futures);
        }
        return out;
    }

    private static List<Played> collect(List<Future<Played>> futures) throws InterruptedException, ExecutionException {
        List<Played> logs = new ArrayList<>();
        for (Future<Played> f : futures) {
            logs.add(f.get());
        }
        return logs;
    }
}
