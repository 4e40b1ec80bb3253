package io.cellwatch.bench;

import io.cellwatch.bench.ledger.LedgerReport;
import io.cellwatch.bench.pipeline.BenchBroker;
import io.cellwatch.bench.pipeline.LatencyReport;
import io.cellwatch.bench.pipeline.PipelineReport;
import io.cellwatch.bench.replay.ReplayReport;
import io.cellwatch.bench.scrape.ScrapeReport;
import io.cellwatch.bench.state.StateReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every performance figure of cellwatch, each beside its baseline measured in the same run, with
 * the machine and its load: scrape cost, pipeline throughput against a pass-through topology,
 * sample-to-alert latency, replay speed against splitting the same lines, state bytes per channel,
 * the alert service's ledger writes against plain awaited sends.
 *
 * <pre>java -jar bench/target/cellwatch-bench.jar [--quick] [scrape] [pipeline] [latency] [replay] [state] [ledger]</pre>
 *
 * With no section named, every section runs. {@code --quick} runs fewer rounds (a smoke test, not a
 * measurement).
 */
public final class PerformanceReport {
    private PerformanceReport() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        out.println("cellwatch performance report");
        out.println("machine: " + Machine.describe());
        out.println("at start: " + Machine.load());
        if (options.runs("scrape")) {
            out.println();
            ScrapeReport.print(ScrapeReport.measure(List.of(100, 1_000, 10_000), options.quick() ? 3 : 15), out);
        }
        if (options.runs("pipeline") || options.runs("latency")) {
            try (BenchBroker broker = BenchBroker.start()) {
                out.println();
                PipelineReport.Result demo = PipelineReport.measure(
                        broker,
                        "demo fleet",
                        PipelineReport.demoFleet(),
                        options.quick() ? 2 : 24,
                        options.quick() ? 1 : 3,
                        options.runs("pipeline")
                                ? List.of(PipelineReport.EXACTLY_ONCE, PipelineReport.AT_LEAST_ONCE)
                                : List.of(PipelineReport.EXACTLY_ONCE));
                PipelineReport.print(demo, out);
                if (options.runs("pipeline")) {
                    out.println();
                    PipelineReport.print(
                            PipelineReport.measure(
                                    broker,
                                    "wide fleet",
                                    PipelineReport.wideFleet(2_000),
                                    options.quick() ? 0.2 : 1,
                                    options.quick() ? 1 : 2,
                                    List.of(PipelineReport.EXACTLY_ONCE)),
                            out);
                }
                if (options.runs("latency")) {
                    out.println();
                    double max = demo.cellwatchRate(PipelineReport.EXACTLY_ONCE);
                    LatencyReport.print(
                            LatencyReport.measure(broker, max / 2, Duration.ofSeconds(options.quick() ? 10 : 30)), out);
                }
            }
        }
        if (options.runs("ledger")) {
            try (BenchBroker broker = BenchBroker.start()) {
                out.println();
                LedgerReport.print(
                        LedgerReport.measure(
                                broker.bootstrapServers(), options.quick() ? 2 : 10, options.quick() ? 20 : 200),
                        out);
            }
        }
        if (options.runs("replay")) {
            out.println();
            Path root = ReplayReport.realDataRoot();
            ReplayReport.print(ReplayReport.measure(root, options.quick() ? 2 : 5), root, out);
        }
        if (options.runs("state")) {
            out.println();
            StateReport.print(StateReport.measure(), out);
        }
        out.println();
        out.println("at end: " + Machine.load());
    }
}
