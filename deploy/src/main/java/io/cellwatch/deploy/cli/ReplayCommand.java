package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.replay.FileReplay;
import io.cellwatch.deploy.replay.JsonLinesListener;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.profile.ConfiguredProfiles;
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

    @Mixin
    DetectionConfigOptions detectionConfig;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FileReplay.Outcome outcome;
        try (JsonLinesListener listener = new JsonLinesListener(out)) {
            DetectorSet detectors = detectionConfig.file == null
                    ? TopologySettings.defaultDetectors()
                    : DetectorSet.of(new ConfiguredProfiles(detectionConfig.load()));
            OfflinePipeline pipeline = new OfflinePipeline(detectors, listener);
            outcome = FileReplay.run(files, reading.forcedFormat(), reading.catalog(), pipeline, err::println);
            pipeline.finish();
        }
        out.flush();
        if (outcome.malformedRows() > 0) {
            err.println(outcome.malformedRows() + " malformed row(s) skipped");
        }
        err.flush();
        return outcome.unreadableFiles() == 0 ? 0 : 2;
    }
}
