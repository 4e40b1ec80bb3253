package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.replay.JsonLinesListener;
import io.cellwatch.ingest.channels.ChannelCatalog;
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
import java.util.concurrent.Callable;
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
        description =
                "Runs the cycle summarizer and every detector on recorded files, without Kafka, and writes JSON "
                        + "lines to stdout: one \"type\":\"cycle\" object per cycle and one \"type\":\"alert\" object per "
                        + "alert. Formats are detected (--format forces one); the channel id is the file name without "
                        + "extension unless a --channels-file maps it. Unreadable rows are reported on stderr "
                        + "(file:line: field 'NAME': reason) and skipped; an unrecognised file lists the formats tried (exit 2).")
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
            for (Path file : files) {
                SourceFile source = catalog.source(file);
                FileSink sink = new FileSink(pipeline, catalog, source, sequence, error -> {
                    malformedRows[0]++;
                    err.println("skipped " + error.getMessage());
                });
                try {
                    CyclerFormat reader = forced != null ? forced : CyclerFormats.detect(file);
                    reader.read(source, sink);
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
        err.flush();
        return unreadableFiles == 0 ? 0 : 2;
    }

    /**
     * One file's records into the pipeline: the channel's metadata first (the catalog's, laid over
     * what the file carries), and record numbers continued when a channel's data spans files.
     */
    private static final class FileSink implements RecordSink {
        private final OfflinePipeline pipeline;
        private final ChannelCatalog catalog;
        private final SourceFile source;
        private final DataPointSequence.FileRun run;
        private final java.util.function.Consumer<MalformedRowException> malformed;
        private boolean described;

        FileSink(
                OfflinePipeline pipeline,
                ChannelCatalog catalog,
                SourceFile source,
                DataPointSequence sequence,
                java.util.function.Consumer<MalformedRowException> malformed) {
            this.pipeline = pipeline;
            this.catalog = catalog;
            this.source = source;
            this.run = sequence.startFile();
            this.malformed = malformed;
        }

        @Override
        public void channel(ChannelInfo info) {
            pipeline.describe(catalog.overlay(source.path(), info));
            described = true;
        }

        @Override
        public void sample(Sample sample) {
            describeOnce();
            pipeline.accept(run.renumber(sample));
        }

        @Override
        public void cycle(CycleSummary cycle) {
            describeOnce();
            pipeline.acceptCycle(cycle);
        }

        @Override
        public void malformed(MalformedRowException error) {
            malformed.accept(error);
        }

        private void describeOnce() {
            if (!described) {
                pipeline.describe(source.channel());
                described = true;
            }
        }
    }
}
