package io.cellwatch.streams.config;

import io.cellwatch.streams.detect.profile.DetectionConfig;
import io.cellwatch.streams.detect.profile.DetectionConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a detection-config file and hands on every version of it that checks out. The file is
 * checked when the watch starts (a wrong file stops the process before it runs with it), then read
 * again every {@code every}: a changed text is parsed and checked whole, and either handed on or
 * refused with an error naming file, line and key, the settings in use staying as they were.
 *
 * <p>It compares the text, not the modification time: Kubernetes replaces a mounted ConfigMap by
 * swapping a symlink, and editors save by renaming, both of which a time or an inotify watch can
 * miss or double. A changed text is acted on once two reads a period apart agree: a file written
 * in place is empty or half written for a moment, and that moment must not be published (an empty
 * file is a valid file without rules).
 */
public final class DetectionConfigWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionConfigWatch.class);

    private final Path file;
    private final Consumer<DetectionConfig> onChange;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cellwatch-detection-config-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastText;
    /** A changed text read once, waiting to be read the same again. */
    private String pendingText;

    private volatile String lastError;

    private DetectionConfigWatch(Path file, Consumer<DetectionConfig> onChange) {
        this.file = file;
        this.onChange = onChange;
    }

    /**
     * Reads and checks the file, hands it on, then watches it.
     *
     * @throws DetectionConfigException when the file does not check out
     * @throws IOException              when it cannot be read
     */
    public static DetectionConfigWatch start(Path file, Consumer<DetectionConfig> onChange, Duration every)
            throws IOException {
        DetectionConfigWatch watch = new DetectionConfigWatch(file, onChange);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        DetectionConfig config = DetectionConfig.parse(file.toString(), text);
        onChange.accept(config);
        watch.lastText = text;
        LOG.info("detection config {} published: rules {}", file, config.ruleNames());
        watch.poller.scheduleWithFixedDelay(watch::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Reads the file once; hands it on if its text changed, stayed so since the last read, and checks out. */
    void check() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            refuse("cannot read " + file + ": " + e.getMessage());
            return;
        }
        if (text.equals(lastText)) {
            pendingText = null;
            return;
        }
        if (!text.equals(pendingText)) {
            pendingText = text; // maybe still being written: act on it if the next read agrees
            return;
        }
        pendingText = null;
        lastText = text;
        try {
            DetectionConfig config = DetectionConfig.parse(file.toString(), text);
            onChange.accept(config);
            lastError = null;
            LOG.info("detection config {} changed and published: rules {}", file, config.ruleNames());
        } catch (DetectionConfigException e) {
            refuse(e.getMessage());
        } catch (RuntimeException e) {
            lastText = null; // not handed on: try again next time
            refuse("cannot publish " + file + ": " + e.getMessage());
        }
    }

    private void refuse(String error) {
        lastError = error;
        LOG.error("detection config refused, the settings in use stay: {}", error);
    }

    /** Why the latest version of the file was refused, or null when it was handed on. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
