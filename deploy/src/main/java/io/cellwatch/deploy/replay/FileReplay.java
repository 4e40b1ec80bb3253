package io.cellwatch.deploy.replay;

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
import io.cellwatch.streams.detect.quality.UnreadableRow;
import io.cellwatch.streams.replay.OfflinePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@code cellwatch replay} does with recorded files, in one place: each file read in its
 * format, its records described and renumbered as {@code ingest} does, into an
 * {@link OfflinePipeline}. The command prints what comes out; the chaos run compares it with what
 * the live topology wrote.
 */
public final class FileReplay {
    private FileReplay() {}

    /** What a replay could not read. */
    public record Outcome(int unreadableFiles, long malformedRows) {}

    /**
     * Reads {@code files} in order into {@code pipeline} (without {@link OfflinePipeline#finish()}: the
     * caller decides whether the open cycles end with the data).
     *
     * @param forced a format to use for every file, or null to detect each file's
     * @param errors told each unreadable file and malformed row, as a one-line message
     */
    public static Outcome run(
            List<Path> files,
            CyclerFormat forced,
            ChannelCatalog catalog,
            OfflinePipeline pipeline,
            Consumer<String> errors) {
        long[] malformedRows = {0};
        int unreadableFiles = 0;
        DataPointSequence sequence = new DataPointSequence();
        Consumer<MalformedRowException> report = error -> {
            malformedRows[0]++;
            errors.accept("skipped " + error.getMessage());
        };
        for (Path file : files) {
            SourceFile source = catalog.source(file);
            Optional<String> problem = UnreadablePath.check(file);
            if (problem.isPresent()) {
                unreadableFiles++;
                errors.accept("error: " + problem.get());
                continue;
            }
            PipelineSink sink = new PipelineSink(pipeline, source.channel().channelId(), report);
            ChannelRecords records = new ChannelRecords(catalog, source, sequence.startFile());
            try {
                CyclerFormat reader = forced != null ? CyclerFormats.forced(forced, file) : CyclerFormats.detect(file);
                reader.read(source, records.into(sink));
            } catch (IOException e) {
                unreadableFiles++;
                errors.accept("error: " + UnreadablePath.describe(file, e));
            } catch (IllegalArgumentException e) {
                unreadableFiles++;
                errors.accept("error: " + e.getMessage());
            }
        }
        return new Outcome(unreadableFiles, malformedRows[0]);
    }

    /**
     * Records of one file, renumbered and described by {@link ChannelRecords}, into the pipeline; a
     * row that cannot be read is reported and counted against the file's channel by the data-quality
     * watch, as the live topology counts ingest's dead letters.
     */
    private record PipelineSink(OfflinePipeline pipeline, String channelId, Consumer<MalformedRowException> malformed)
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
            pipeline.acceptUnreadable(
                    new UnreadableRow(channelId, error.field(), error.reason(), error.file() + ":" + error.line()));
        }
    }
}
