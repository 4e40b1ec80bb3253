package io.cellwatch.ingest.format;

import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.text.LineAssembler;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What every text reader must hold to, whatever bytes a file holds: it gives rows, or refuses the
 * whole file with an {@link IOException} naming the file (and line), or reports single rows as
 * {@link MalformedRowException}s naming file, line and field; nothing else escapes. Read whole and
 * as a follower reads a growing file (complete lines only, never ended), the follower's rows are
 * the first rows of the whole read: a row does not depend on how the file arrived.
 */
public final class TextFuzzing {
    /** Seeds are the top of each real export: its header and first rows are where readers decide. */
    private static final int SEED_BYTES = 4 * 1024;

    private static final int SNIFF_BYTES = 64 * 1024;

    private static Map<String, List<Named<byte[]>>> realHeads;

    private TextFuzzing() {}

    /** A scratch file of this name for a fuzz target, text or binary, removed when the JVM exits. */
    public static Path scratchFile(String name) {
        try {
            Path dir = Files.createTempDirectory("cellwatch-text-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bytes to the file and holds the format's reader to the property above. */
    public static void check(CyclerFormat format, Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        SourceFile source = SourceFile.of(file);
        Checking whole = new Checking(file, lineCount(bytes));
        IOException wholeRefused = null;
        try {
            format.read(source, whole);
        } catch (IOException refused) {
            namesTheFile(file, refused);
            wholeRefused = refused;
        }
        Checking following = new Checking(file, lineCount(bytes));
        try {
            RowReader reader = format.open(source);
            long[] lineNumber = {0};
            new LineAssembler(0)
                    .feed(bytes, 0, bytes.length, (line, end) -> reader.line(line, ++lineNumber[0], following));
        } catch (IOException refused) {
            namesTheFile(file, refused);
            if (wholeRefused == null) {
                throw new AssertionError("refused while following but read whole: " + refused.getMessage(), refused);
            }
        }
        if (following.samples.size() > whole.samples.size()
                || !whole.samples.subList(0, following.samples.size()).equals(following.samples)) {
            throw new AssertionError("following gave rows the whole read did not: " + following.samples.size()
                    + " rows following, " + whole.samples.size() + " whole");
        }
    }

    private static void namesTheFile(Path file, IOException refused) {
        if (refused.getMessage() == null || !refused.getMessage().startsWith(file + ":")) {
            throw new AssertionError("a refusal must start with the file name: " + refused.getMessage(), refused);
        }
    }

    /** Lines as {@link LineAssembler} cuts them: every newline ends one, bytes after the last are one more. */
    static long lineCount(byte[] bytes) {
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines;
    }

    /**
     * The tops of the real exports that detection gives to {@code format}, as fuzz seeds; none when
     * the real data is absent (the committed corpus still runs).
     */
    public static Stream<Arguments> realSeeds(String format) {
        return realHeads().getOrDefault(format, List.of()).stream().map(Arguments::of);
    }

    /** The top of one real file, cut after its last complete line within {@link #SEED_BYTES}. */
    public static byte[] head(Path file) throws IOException {
        byte[] top;
        try (InputStream in = Files.newInputStream(file)) {
            top = in.readNBytes(SEED_BYTES);
        }
        int end = top.length;
        if (Files.size(file) > top.length) {
            while (end > 0 && top[end - 1] != '\n') {
                end--;
            }
        }
        return Arrays.copyOf(top, end == 0 ? top.length : end);
    }

    /**
     * Every real file a text format recognises, by format: cycler exports, and the per-cycle
     * summaries beside them for {@code cycle-summary}. Binary files are fuzzed by their own targets.
     */
    private static synchronized Map<String, List<Named<byte[]>>> realHeads() {
        if (realHeads != null) {
            return realHeads;
        }
        realHeads = new TreeMap<>();
        Path root = RealData.root();
        if (!Files.isDirectory(root)) {
            return realHeads;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                textFormatOf(file)
                        .ifPresent(format -> realHeads
                                .computeIfAbsent(format, f -> new ArrayList<>())
                                .add(Named.of(root.relativize(file).toString(), uncheckedHead(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return realHeads;
    }

    /** Judged on the first {@link #SNIFF_BYTES} only: the shared data holds megabytes of compressed files without newlines. */
    private static Optional<String> textFormatOf(Path file) throws IOException {
        byte[] top;
        try (InputStream in = Files.newInputStream(file)) {
            top = in.readNBytes(SNIFF_BYTES);
        }
        if (CyclerFormats.recogniseBinary(
                        file, Arrays.copyOf(top, Math.min(top.length, BinaryCyclerFormat.SNIFF_BYTES)))
                .isPresent()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        LineAssembler assembler = new LineAssembler(0);
        assembler.feed(top, 0, top.length, CyclerFormats.SNIFF_LINES, (line, end) -> lines.add(line));
        if (lines.size() < CyclerFormats.SNIFF_LINES && assembler.hasPartialLine() && top.length < SNIFF_BYTES) {
            lines.add(assembler.takePartialLine());
        }
        return CyclerFormats.recognise(file, lines).map(CyclerFormat::name);
    }

    private static byte[] uncheckedHead(Path file) {
        try {
            return head(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks each thing a reader hands over as it arrives. */
    private static final class Checking implements RecordSink {
        private final Path file;
        private final long lines;
        final List<Sample> samples = new ArrayList<>();

        Checking(Path file, long lines) {
            this.file = file;
            this.lines = lines;
        }

        @Override
        public void channel(ChannelInfo info) {
            if (info == null || info.channelId() == null || info.channelId().isBlank()) {
                throw new AssertionError("channel metadata without a channel id: " + info);
            }
        }

        @Override
        public void sample(Sample sample) {
            samples.add(sample);
        }

        @Override
        public void cycle(CycleSummary cycle) {
            if (cycle == null) {
                throw new AssertionError("a null cycle");
            }
        }

        @Override
        public void malformed(MalformedRowException error) {
            if (!file.equals(error.file())) {
                throw new AssertionError("a malformed row must name its file", error);
            }
            if (error.line() < 1 || error.line() > lines) {
                throw new AssertionError("line " + error.line() + " of a file of " + lines + " lines", error);
            }
            if (error.field() == null || error.field().isBlank()) {
                throw new AssertionError("a malformed row must name its field", error);
            }
        }
    }
}
