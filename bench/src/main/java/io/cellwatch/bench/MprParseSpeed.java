package io.cellwatch.bench;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.biologic.mpr.EcLabMprFormat;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parse speed of the BioLogic {@code .mpr} reader against the cost of reading the same file's bytes,
 * both in the same run: the baseline reads the file in 64 KiB chunks as the reader does, the reader
 * decodes every record into a {@link Sample}. Rounds alternate so that both see the same machine
 * load; the median of each is reported, and their ratio, in the thread's CPU time (steadier than
 * wall time on a shared machine) and in wall time.
 *
 * <p>Run: {@code java -cp bench/target/cellwatch-bench.jar io.cellwatch.bench.MprParseSpeed [file.mpr] [rounds]};
 * without a file, the largest {@code .mpr} under {@code $CELLWATCH_REAL_DATA/binary} (default
 * {@code ../shared/data/real/binary}).
 */
public final class MprParseSpeed {

    private MprParseSpeed() {}

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : largestMpr();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        long size = Files.size(file);
        EcLabMprFormat format = new EcLabMprFormat();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] bytesNs = new long[rounds];
        long[] readerNs = new long[rounds];
        long[] bytesCpuNs = new long[rounds];
        long[] readerCpuNs = new long[rounds];
        long samples = 0;
        for (int round = -5; round < rounds; round++) { // five warm-up rounds for the JIT
            long startCpu = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long checksum = readBytes(file);
            long afterBytes = System.nanoTime();
            long afterBytesCpu = cpu.getCurrentThreadCpuTime();
            CountingSink counter = new CountingSink();
            format.read(SourceFile.of(file), counter);
            long afterReader = System.nanoTime();
            long afterReaderCpu = cpu.getCurrentThreadCpuTime();
            if (checksum == 42 && counter.samples < 0) {
                System.out.print(""); // keeps the checksum alive
            }
            samples = counter.samples;
            if (round >= 0) {
                bytesNs[round] = afterBytes - start;
                readerNs[round] = afterReader - afterBytes;
                bytesCpuNs[round] = afterBytesCpu - startCpu;
                readerCpuNs[round] = afterReaderCpu - afterBytesCpu;
            }
        }
        System.out.printf(
                Locale.ROOT, "%s: %,d bytes, %,d samples, %d rounds (medians)%n", file, size, samples, rounds);
        report("CPU ", median(bytesCpuNs) / 1e6, median(readerCpuNs) / 1e6, size, samples);
        report("wall", median(bytesNs) / 1e6, median(readerNs) / 1e6, size, samples);
        System.out.println("Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
    }

    private static void report(String clock, double bytesMs, double readerMs, long size, long samples) {
        System.out.printf(
                Locale.ROOT,
                "%s  bytes (baseline) %7.2f ms %7.0f MB/s | reader %7.2f ms %6.1f MB/s %,9.0f samples/s | reader / bytes = %.1fx%n",
                clock,
                bytesMs,
                size / 1e3 / bytesMs,
                readerMs,
                size / 1e3 / readerMs,
                samples / (readerMs / 1e3),
                readerMs / bytesMs);
    }

    private static long readBytes(Path file) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        long checksum = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            while (channel.read(chunk.clear()) >= 0) {
                checksum += chunk.position() > 0 ? chunk.get(0) : 0;
            }
        }
        return checksum;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Path largestMpr() {
        String configured = System.getProperty("cellwatch.realData", System.getenv("CELLWATCH_REAL_DATA"));
        Path root =
                Path.of(configured == null ? "../shared/data/real" : configured).resolve("binary");
        return LargestFile.under(root, ".mpr");
    }
}
