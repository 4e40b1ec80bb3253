package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Measures the peak heap of following one binary file from scratch the way {@link BinaryRows} reads
 * it: rows read into a queue, then delivered (dropped here) a transaction at a time. With
 * {@code whole} the source is read with no budget, as before row sources had one; otherwise with the
 * budget given. Prints the heap still in use (after a collection) when the queue is fullest, and the
 * sum of the heap pools' peaks (garbage included). A measurement, not a test: {@code java -cp ... BinaryFollowHeapMain FILE 20000|whole}.
 */
public final class BinaryFollowHeapMain {
    private BinaryFollowHeapMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int budget = args[1].equals("whole") ? Integer.MAX_VALUE : Integer.parseInt(args[1]);
        BinaryCyclerFormat format = CyclerFormats.recogniseBinary(file, CyclerFormats.firstBytes(file))
                .orElseThrow();
        System.gc();
        long baseline = heapUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        ArrayDeque<Object> waiting = new ArrayDeque<>();
        long rows = 0;
        int calls = 0;
        long liveAtFullest = 0;
        try (BinaryRowSource source = format.openBinary(SourceFile.of(file))) {
            while (true) {
                source.readNew(queueing(waiting), budget);
                calls++;
                if (waiting.isEmpty()) {
                    break;
                }
                rows += waiting.size();
                System.gc(); // what the queue keeps alive when it is fullest
                liveAtFullest = Math.max(liveAtFullest, heapUsed() - baseline);
                waiting.clear(); // delivered
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s budget=%s rows=%d calls=%d liveHeapAtFullestQueue=%.1f MiB peakHeapPools=%.1f MiB%n",
                file.getFileName(),
                args[1],
                rows,
                calls,
                liveAtFullest / 1048576.0,
                (peakHeap() - baseline) / 1048576.0);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static RecordSink queueing(ArrayDeque<Object> waiting) {
        return new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                waiting.add(info);
            }

            @Override
            public void sample(Sample sample) {
                waiting.add(sample);
            }

            @Override
            public void cycle(CycleSummary cycle) {
                waiting.add(cycle);
            }

            @Override
            public void malformed(MalformedRowException error) {
                waiting.add(error);
            }
        };
    }
}
