package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.Resources;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.config.DetectionConfigPublisher;
import io.cellwatch.streams.config.DetectionConfigWatch;
import io.cellwatch.streams.detect.profile.DetectionConfig;
import io.cellwatch.streams.detect.profile.DetectionConfigException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --detection-config FILE}: the detection settings (profiles per cell type, chemistry, group, channel). */
public final class DetectionConfigOptions {
    /** How often a watched file is read again. */
    static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--detection-config",
            paramLabel = "FILE",
            description = {
                "YAML rules laying detector settings over the standard profiles, by cell type, chemistry, group and",
                "channel glob (see `cellwatch detection-config --help`). Checked at start; `streams` and `demo`",
                "publish it to every instance and apply each later change of the file without a restart."
            })
    Path file;

    /** The file, read and checked; no rules without one. */
    public DetectionConfig load() {
        if (file == null) {
            return DetectionConfig.none();
        }
        try {
            return DetectionConfig.load(file);
        } catch (DetectionConfigException e) {
            throw new ParameterException(mixee.commandLine(), "detection config refused: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ParameterException(mixee.commandLine(), "no such detection config: " + file);
        } catch (IOException e) {
            throw new ParameterException(mixee.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Publishes the file to the detection-config topic, where every instance reads it, and each later
     * version that checks out; a version that does not is logged and the settings in use stay.
     * Nothing is published without {@code --detection-config}: instances keep what the topic holds.
     */
    public void publishAndWatch(Resources resources, KafkaConnection kafka, TopicNames topics) throws IOException {
        if (file == null) {
            return;
        }
        load(); // a wrong file stops the command here, with picocli's error
        DetectionConfigPublisher publisher = resources.add(
                "detection-config publisher", new DetectionConfigPublisher(kafka, topics.detectionConfig()));
        resources.add("detection-config watch", DetectionConfigWatch.start(file, publisher::publish, WATCH_EVERY));
    }
}
