package io.cellwatch.deploy.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a soak run does.
 *
 * @param workDir      broker data, streams state, logs and the CSV of measurements
 * @param channels     simulated channels
 * @param acceleration simulated seconds per wall-clock second
 * @param partitions   partitions of cellwatch's topics
 * @param duration     how long it runs
 * @param every        how often it measures
 * @param warmUp       measurements before this are left out of the slopes (start-up, JIT, the first cycles)
 * @param streamsHeap  {@code -Xmx} of the streams JVM
 */
public record SoakSettings(
        Path workDir,
        int channels,
        double acceleration,
        int partitions,
        Duration duration,
        Duration every,
        Duration warmUp,
        String streamsHeap) {}
