package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.replay.JsonLinesListener;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The live pipeline's core on recorded files, without a broker. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs the cycle summarizer and every detector on recorded files, without Kafka, and writes",
            "JSON lines to stdout: one \"type\":\"cycle\" object per cycle and one \"type\":\"alert\" object per alert.",
            "Unreadable rows are reported on stderr (file:line: field: reason) and skipped."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recorded cycler files.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "NAME",
            description = "Force a format instead of detecting it. Known: ${COMPLETION-CANDIDATES}",
            completionCandidates = FormatNames.class)
    String format;

    @Override
    public Integer call() throws IOException {
        int unreadableFiles = 0;
        long[] malformedRows = {0};
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (JsonLinesListener listener = new JsonLinesListener(out)) {
            OfflinePipeline pipeline = new OfflinePipeline(TopologySettings.defaultCycleDetectors(), listener);
            RecordSink sink = new RecordSink() {
                @Override
                public void channel(ChannelInfo info) {
                    pipeline.describe(info);
                }

                @Override
                public void sample(Sample sample) {
                    pipeline.accept(sample);
                }

                @Override
                public void cycle(CycleSummary cycle) {
                    pipeline.acceptCycle(cycle);
                }

                @Override
                public void malformed(MalformedRowException error) {
                    malformedRows[0]++;
                    err.println("skipped " + error.getMessage());
                }
            };
            for (Path file : files) {
                try {
                    CyclerFormat reader = format == null ? CyclerFormats.detect(file) : CyclerFormats.byName(format);
                    reader.read(file, sink);
                } catch (IOException | IllegalArgumentException e) {
                    unreadableFiles++;
                    err.println("error: " + e.getMessage());
                }
            }
            pipeline.finish();
        }
        out.flush();
        if (malformedRows[0] > 0) {
            err.println(malformedRows[0] + " malformed row(s) skipped");
        }
        return unreadableFiles == 0 ? 0 : 2;
    }

    /** Format names for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CyclerFormats.all().stream().map(CyclerFormat::name).iterator();
        }
    }
}
