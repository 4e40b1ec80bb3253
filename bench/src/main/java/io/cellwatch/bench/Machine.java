package io.cellwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a figure was measured on: CPU model, cores, JVM, and the load average at the moment
 * (other processes' work that the figure shared the cores with). Benchmarks here run on shared
 * machines, so every figure is printed with the load it was taken under.
 */
public final class Machine {
    private Machine() {}

    /** CPU model, visible cores, operating system and JVM, on one line. */
    public static String describe() {
        return String.format(
                Locale.ROOT,
                "%s, %d cores visible to the JVM, %s %s, %s %s (%s)",
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"));
    }

    /** The 1-, 5- and 15-minute load averages, as Linux reports them; the JVM's 1-minute figure elsewhere. */
    public static String load() {
        try {
            List<String> parts =
                    List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
            return "load " + parts.get(0) + " / " + parts.get(1) + " / " + parts.get(2);
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "load unknown" : String.format(Locale.ROOT, "load %.2f", load);
        }
    }

    /**
     * CPU time this JVM has used, all its threads (GC and compiler included), in nanoseconds; -1 where
     * the JVM does not tell. Linux counts it in clock ticks (10 ms): measure spans far longer than that.
     * Work per CPU-second is what other processes' load changes least: they take cores away from the
     * benchmark (wall-clock rates fall), not cycles from the work done on them.
     */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU"; // not Linux: the JVM's view still says enough
        }
    }
}
