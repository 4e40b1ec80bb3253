package io.cellwatch.deploy.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a running JVM's resources from outside, as an operator would: heap in use right after a
 * full collection ({@code jcmd PID GC.run}, then {@code GC.heap_info}), live threads and open file
 * descriptors from {@code /proc}. Linux with a JDK's {@code jcmd}.
 */
final class ProcessProbe {
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private final long pid;
    private final String jcmd;

    ProcessProbe(long pid) {
        this.pid = pid;
        Path fromJdk = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(fromJdk) ? fromJdk.toString() : "jcmd";
    }

    /** Bytes of heap in use after a full GC (the sum over the heap's generations). */
    long heapAfterGcBytes() throws IOException, InterruptedException {
        run("GC.run");
        Matcher used = HEAP_USED.matcher(run("GC.heap_info"));
        long kib = 0;
        boolean found = false;
        while (used.find()) {
            kib += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IOException("jcmd " + pid + " GC.heap_info said nothing about heap use");
        }
        return kib * 1024;
    }

    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        throw new IOException("/proc/" + pid + "/status has no thread count");
    }

    int openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    private String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command))
                .redirectErrorStream(true)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(
                    "jcmd " + pid + " " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
