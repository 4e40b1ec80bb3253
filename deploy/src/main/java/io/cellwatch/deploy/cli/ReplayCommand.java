package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.replay.JsonLinesListener;
import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelRecords;
import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The live pipeline's core on recorded files, without a broker. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        header = "Runs summaries and detectors on recorded files, no Kafka; JSON lines out.",
        description = "Runs the cycle summarizer and every detector on recorded files, without Kafka, and writes JSON "
                + "lines to stdout: one \"type\":\"cycle\" object per cycle and one \"type\":\"alert\" object per "
                + "alert. Formats are detected (--format forces one); the channel id is the file name without "
                + "extension unless a --channels-file maps it. Unreadable rows are reported on stderr "
                + "(file:line: field 'NAME': reason) and skipped; an unrecognised file lists the formats tried, a file "
                + "that is not battery-cycling data says why, a missing or unreadable path says what is wrong "
                + "(exit 2).")
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recorded cycler files.")
    List<Path> files;

    @Mixin
    FileReadingOptions reading;

    @Override
    public Integer call() throws IOException {
        CyclerFormat forced = reading.forcedFormat();
        ChannelCatalog catalog = reading.catalog();
        int unreadableFiles = 0;
        long[] malformedRows = {0};
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DataPointSequence sequence = new DataPointSequence();
        try (JsonLinesListener listener = new JsonLinesListener(out)) {
            OfflinePipeline pipeline = new OfflinePipeline(TopologySettings.defaultDetectors(), listener);
            PipelineSink sink = new PipelineSink(pipeline, error -> {
                malformedRows[0]++;
                err.println("skipped " + error.getMessage());
            });
            for (Path file : files) {
                SourceFile source = catalog.source(file);
                Optional<String> problem = UnreadablePath.check(file);
                if (problem.isPresent()) {
                    unreadableFiles++;
                    err.println("error: " + problem.get());
                    continue;
                }
                ChannelRecords records = new ChannelRecords(catalog, source, sequence.startFile());
                try {
                    CyclerFormat reader = forced != null ? forced : CyclerFormats.detect(file);
                    reader.read(source, records.into(sink));
                } catch (IOException e) {
                    unreadableFiles++;
                    err.println("error: " + UnreadablePath.describe(file, e));
                } catch (IllegalArgumentException e) {
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
        err.flush();
        return unreadableFiles == 0 ? 0 : 2;
    }

    /** Records of the files, renumbered and described by {@link ChannelRecords}, into the pipeline. */
    private record PipelineSink(OfflinePipeline pipeline, Consumer<MalformedRowException> malformed)
            implements RecordSink {
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
            malformed.accept(error);
        }
    }
}
