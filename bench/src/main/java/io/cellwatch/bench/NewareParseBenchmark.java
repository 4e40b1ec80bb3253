package io.cellwatch.bench;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing a Neware file into samples ({@link #parse}) against the floor any reader has: reading the
 * file's bytes ({@link #readBytes}) and, for an {@code .ndax}, inflating its members
 * ({@link #inflateMembers}). Files are paths under the shared real data ({@code -Dcellwatch.realData},
 * default {@code ../shared/data/real}); a file stored zipped ({@code .nda.zip}) is unzipped once
 * into a temporary folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class NewareParseBenchmark {
    @Param({"binary/fastnda/nda_v26.nda.zip", "binary/NewareNDA/BTS85-36-6-5-110-20240424.ndax"})
    String file;

    private Path path;
    private Path unzipped;
    private CyclerFormat format;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

    @Setup
    public void setUp() throws IOException {
        path = NewareParseSpeed.realDataRoot().resolve(file);
        if (file.endsWith(".zip")) {
            unzipped = Files.createTempDirectory("cellwatch-bench");
            path = unzip(path, unzipped);
        }
        format = CyclerFormats.detect(path);
    }

    static Path unzip(Path zipped, Path into) throws IOException {
        String name = zipped.getFileName().toString();
        Path out = into.resolve(name.substring(0, name.length() - ".zip".length()));
        try (ZipFile zip = new ZipFile(zipped.toFile());
                InputStream in = zip.getInputStream(zip.entries().nextElement())) {
            Files.copy(in, out);
        }
        return out;
    }

    @TearDown
    public void tearDown() throws IOException {
        if (unzipped != null) {
            Files.deleteIfExists(path);
            Files.deleteIfExists(unzipped);
        }
    }

    /** The floor: the file's bytes read through a 1 MiB buffer, as the {@code .nda} reader reads them. */
    @Benchmark
    public long readBytes() throws IOException {
        long sum = 0;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (true) {
                buffer.clear();
                if (channel.read(buffer) < 0) {
                    break;
                }
                sum += buffer.position() + (buffer.position() > 0 ? buffer.get(0) : 0);
            }
        }
        return sum;
    }

    /** For an {@code .ndax}: every member inflated, the floor of any {@code .ndax} reader. */
    @Benchmark
    public long inflateMembers() throws IOException {
        if (!path.toString().endsWith(".ndax")) {
            return 0;
        }
        long bytes = 0;
        byte[] chunk = new byte[1 << 16];
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                        bytes += n;
                    }
                }
            }
        }
        return bytes;
    }

    /** The reader: every record of the file as a sample. */
    @Benchmark
    public long parse() throws IOException {
        CountingSink sink = new CountingSink();
        format.read(SourceFile.of(path), sink);
        return sink.samples + Double.doubleToLongBits(sink.voltages);
    }
}
