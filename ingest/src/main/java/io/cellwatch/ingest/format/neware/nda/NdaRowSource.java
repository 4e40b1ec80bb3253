package io.cellwatch.ingest.format.neware.nda;

import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one {@code .nda} file, read as BTS appends them. Each call reads from where the
 * previous one stopped to the last whole record now in the file; a record cut short at the end
 * waits for the next call. The file is opened per call, so a file replaced under its name is seen.
 * A file that shrank below what was read has been replaced: it is read again from its start and
 * only record numbers not yet delivered are handed over.
 *
 * <p>Auxiliary readings that come in records of their own (nda v22–29) are joined to the data
 * record with the same index; a data record is held back until the next data record shows that
 * no more readings for it can follow, unless the file has no auxiliary records at all. The memory
 * used is one read buffer, whatever the file's size. A call with a row budget stops in front of the
 * data record after the budget is spent: records are fixed-length, and the record held back for its
 * auxiliary readings simply stays held until the next call reads on from there.
 */
public final class NdaRowSource extends NewareRowSource {
    private static final Logger LOG = LoggerFactory.getLogger(NdaRowSource.class);
    private static final int BUFFER_BYTES = 1 << 20;
    /** Readings for data records not seen yet are kept for at most this many records. */
    private static final int EARLY_AUX_LIMIT = 256;

    private final NewareRow pending = new NewareRow();
    private final Map<Long, Map<String, Double>> earlyAux = new HashMap<>();
    private final Map<String, Double> auxScratch = new HashMap<>();
    private NdaHeader header;
    private ByteBuffer buffer;
    private long next;
    private boolean hasPending;
    private boolean auxSeen;
    private boolean ended;
    private long trailing;

    public NdaRowSource(SourceFile source, NewareRowObserver observer) {
        super(source, observer);
    }

    @Override
    public int readNew(RecordSink sink, int maxRows) throws IOException {
        Path file = source.path();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (header != null && size < next) {
                startOver();
            }
            if (header == null) {
                header = NdaHeader.read(file, channel, size, source.zone());
                next = header.dataStart();
                int length = header.layout().recordLength();
                buffer = ByteBuffer.allocate(BUFFER_BYTES / length * length).order(ByteOrder.LITTLE_ENDIAN);
            }
            long budgetEnd = samples.handed() + maxRows;
            int delivered = ended ? 0 : readRecords(channel, size, sink, budgetEnd);
            trailing = ended ? 0 : size - next;
            if (hasPending && (ended || !auxSeen)) {
                delivered += deliverPending(sink);
            }
            return delivered;
        }
    }

    /**
     * The file is complete: hands over a record still held back for auxiliary readings that might
     * follow it. A whole-file read calls this after {@link #readNew}.
     */
    @Override
    public int finish(RecordSink sink) {
        if (trailing > 0) {
            LOG.warn(
                    "{}: {} bytes after the last whole record (offset {}) not read: a record cut short, or space not written yet",
                    source.path(),
                    trailing,
                    next);
        }
        return hasPending ? deliverPending(sink) : 0;
    }

    @Override
    public boolean holdsBack() {
        // A file with auxiliary readings stays open: a reader opened afresh hands its first records over
        // without waiting for theirs (it has not seen any yet).
        return hasPending || auxSeen;
    }

    /** Reads records from {@code next}; stops at a data record once the stream has handed over {@code budgetEnd} rows. */
    private int readRecords(FileChannel channel, long size, RecordSink sink, long budgetEnd) throws IOException {
        NdaLayout layout = header.layout();
        int length = layout.recordLength();
        int delivered = 0;
        while (size - next >= length) {
            buffer.clear();
            // No more than the budget can use (aux records make it take another round): the rest is read next call.
            long wanted = Math.max(1, budgetEnd - samples.handed() + 1) * length;
            buffer.limit((int) Math.min(Math.min(buffer.capacity(), wanted), (size - next) / length * length));
            NdaHeader.fill(channel, buffer, next);
            int whole = buffer.position() / length * length;
            for (int offset = 0; offset < whole; offset += length) {
                NdaLayout.Kind kind = layout.classify(buffer, offset);
                switch (kind) {
                    case DATA -> {
                        if (samples.handed() >= budgetEnd) {
                            // The budget is spent: stop before this record; the one held back stays held.
                            next += offset;
                            return delivered;
                        }
                        if (hasPending) {
                            delivered += deliverPending(sink);
                        }
                        layout.decodeData(buffer, offset, pending.clear());
                        Map<String, Double> early = earlyAux.remove(pending.index);
                        if (early != null) {
                            pending.auxiliary.putAll(early);
                        }
                        hasPending = true;
                    }
                    case AUX -> auxiliary(layout, offset);
                    case SKIP -> {}
                    case END -> {
                        ended = true;
                        next += offset;
                        return delivered;
                    }
                    case UNWRITTEN -> {
                        next += offset;
                        return delivered;
                    }
                    case FOREIGN -> {
                        if (hasPending) {
                            delivered += deliverPending(sink);
                        }
                        next += offset;
                        throw new BinaryFormatException(
                                source.path(),
                                "record",
                                next,
                                layout.expected(),
                                "a record starting " + BinaryFormatException.hex(buffer, offset, 4));
                    }
                }
            }
            next += whole;
            if (whole == 0) {
                break; // the file shrank while being read; the next call sees it
            }
        }
        return delivered;
    }

    private void auxiliary(NdaLayout layout, int offset) {
        auxSeen = true;
        auxScratch.clear();
        long index = layout.decodeAux(buffer, offset, auxScratch);
        if (hasPending && index == pending.index) {
            pending.auxiliary.putAll(auxScratch);
        } else if (!hasPending || index > pending.index) {
            if (earlyAux.size() >= EARLY_AUX_LIMIT) {
                earlyAux.clear(); // readings for records that never came: not worth more memory
            }
            earlyAux.computeIfAbsent(index, k -> new HashMap<>()).putAll(auxScratch);
        }
    }

    private int deliverPending(RecordSink sink) {
        hasPending = false;
        return samples.offer(pending, sink) ? 1 : 0;
    }

    private void startOver() {
        header = null;
        hasPending = false;
        auxSeen = false;
        ended = false;
        earlyAux.clear();
        samples.restart();
    }

    @Override
    public void close() {
        // Nothing stays open between calls.
    }
}
