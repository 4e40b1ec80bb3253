package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The rows of one {@code .mpr}, read as EC-Lab appends them. The top of the file is read once; each
 * {@link #readNew} re-reads the data module's point count and length field and decodes only the
 * records counted since the last call that are wholly in the file, from the offset where the last
 * call stopped, in chunks of at most {@value #CHUNK_BYTES} bytes. A call with a budget stops after
 * the record that fills it (records are fixed-length, so any record is a clean stopping point) and
 * the next call goes on from the record after it; the normaliser's running state carries over.
 *
 * <p>The file is opened per call and closed before it returns: on Windows an open handle can stop
 * EC-Lab from rewriting its file, and a file replaced between polls is then seen as it is now.
 *
 * <p>A file whose technique records no cycling ({@link MprTechniques}) is refused once its top is
 * read, before any row; {@link #anyTechnique} reads it anyway, for checking the decoding against
 * EC-Lab's export of the same run.
 */
final class MprRowSource implements BinaryRowSource {
    static final int CHUNK_BYTES = 1 << 16;

    private final SourceFile source;
    private final boolean anyTechnique;
    private MprStructure structure;
    private SampleNormaliser normaliser;
    private TrailingModules trailer;
    private Shortfall topShortfall;
    private DataExtent lastExtent;
    private long decoded;
    private long skipThrough;
    private long bytesRead;

    MprRowSource(SourceFile source) {
        this(source, false);
    }

    private MprRowSource(SourceFile source, boolean anyTechnique) {
        this.source = source;
        this.anyTechnique = anyTechnique;
    }

    /** The rows of a file whatever its technique: impedance and voltammetry records decoded as samples. */
    static MprRowSource anyTechnique(SourceFile source) {
        return new MprRowSource(source, true);
    }

    @Override
    public int readNew(RecordSink sink, int maxRows) throws IOException {
        Path file = source.path();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileBytes bytes = new FileBytes(channel, file);
            try {
                return readNew(bytes, sink, maxRows);
            } finally {
                bytesRead += bytes.bytesRead();
            }
        }
    }

    private int readNew(FileBytes bytes, RecordSink sink, int maxRows) throws IOException {
        if (structure == null && !readTop(bytes)) {
            return 0;
        }
        DataExtent extent = structure.extent(bytes);
        if (extent.declaredPoints() < decoded) {
            throw new BinaryFormatException(
                    bytes.file(),
                    "data module header, point count",
                    structure.data().dataOffset(),
                    String.format(Locale.ROOT, "at least the %d points already read", decoded),
                    String.format(Locale.ROOT, "%d: the file was rewritten", extent.declaredPoints()));
        }
        lastExtent = extent;
        if (extent.closed()) {
            trailer.readFrom(bytes, extent.moduleEnd());
            normaliser.acquisitionStart(structure.facts().acquisitionStartMs(source.zone()));
        }
        int delivered = deliver(bytes, extent.completeRecords(), sink, maxRows);
        if (decoded < extent.completeRecords()) {
            return delivered; // stopped for the budget: damage after the records is reported once they are read
        }
        if (extent.damage() != null) {
            throw extent.damage();
        }
        trailer.throwDamage();
        return delivered;
    }

    private boolean readTop(FileBytes bytes) throws IOException {
        TopOfFile top = MprStructure.read(bytes);
        if (top instanceof Shortfall shortfall) {
            topShortfall = shortfall;
            return false;
        }
        MprStructure read = (MprStructure) top;
        if (!anyTechnique) {
            MprTechniques.requireCycling(read.facts(), source.path());
        }
        normaliser = new SampleNormaliser(
                read.layout(), source.channelId(), source.path(), read.data().dataOffset() + 5);
        normaliser.acquisitionStart(read.facts().acquisitionStartMs(source.zone()));
        trailer = new TrailingModules(read.facts());
        structure = read;
        return true;
    }

    /** Decodes records from {@code decoded} up to {@code upTo}, stopping once {@code maxRows} rows are handed over. */
    private int deliver(FileBytes bytes, long upTo, RecordSink sink, int maxRows) throws IOException {
        RecordLayout layout = structure.layout();
        int recordBytes = layout.recordBytes();
        int perChunk = Math.max(1, CHUNK_BYTES / recordBytes);
        ByteBuffer chunk = ByteBuffer.allocate(perChunk * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[layout.columns().size()];
        int[] slots = normaliser.slotsUsed();
        int delivered = 0;
        int handed = 0; // samples and dead letters: both wait in a follower's queue
        while (decoded < upTo && handed < maxRows) {
            // Read no more than the budget can use (besides records skipped for resumeAfter): the
            // records after it are read on the next call.
            long skipping = Math.max(0, skipThrough - decoded);
            int records = (int) Math.min(Math.min(perChunk, upTo - decoded), skipping + maxRows - handed);
            chunk.clear().limit(records * recordBytes);
            bytes.readInto(structure.recordsStart() + decoded * recordBytes, chunk);
            for (int i = 0; i < records && handed < maxRows; i++) {
                layout.decode(chunk, i * recordBytes, values, slots);
                long dataPoint = ++decoded;
                boolean wanted = dataPoint > skipThrough;
                try {
                    Sample sample = normaliser.toSample(values, dataPoint);
                    if (wanted) {
                        sink.sample(sample);
                        delivered++;
                        handed++;
                    }
                } catch (MalformedRowException e) {
                    if (wanted) {
                        sink.malformed(e);
                        handed++;
                    }
                }
            }
        }
        return delivered;
    }

    /** The points the data module counted at the last call, less those decoded: exact, from the header. */
    @Override
    public long rowsNotReadYet() {
        return lastExtent == null ? -1 : Math.max(0, lastExtent.declaredPoints() - decoded);
    }

    /** Bytes read from the file by all calls so far: what a poll costs (the records once, plus a few header bytes). */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void resumeAfter(long dataPoint) {
        skipThrough = Math.max(skipThrough, dataPoint);
    }

    /**
     * For a file read as finished ({@code replay}): fails unless the last {@link #readNew} read every
     * point the file counts and the file holds nothing but whole modules.
     */
    void requireComplete() throws BinaryFormatException {
        Path file = source.path();
        if (structure == null) {
            throw topShortfall.toException(file);
        }
        DataExtent extent = lastExtent;
        if (extent.completeRecords() < extent.declaredPoints()) {
            long recordBytes = structure.layout().recordBytes();
            throw new BinaryFormatException(
                    file,
                    "data record " + (extent.completeRecords() + 1),
                    structure.recordsStart() + extent.completeRecords() * recordBytes,
                    String.format(
                            Locale.ROOT,
                            "%d records of %d bytes, as the data module counts",
                            extent.declaredPoints(),
                            recordBytes),
                    String.format(
                            Locale.ROOT,
                            "the end of the file: it ends after %d (truncated)",
                            extent.completeRecords()));
        }
        if (!extent.closed() && extent.fileSize() > extent.recordsEnd()) {
            throw new BinaryFormatException(
                    file,
                    "after the last data record",
                    extent.recordsEnd(),
                    "the end of the file or a module header",
                    String.format(Locale.ROOT, "%d more bytes", extent.fileSize() - extent.recordsEnd()));
        }
        trailer.requireComplete(file);
    }

    @Override
    public void close() {
        // nothing held between calls
    }
}
