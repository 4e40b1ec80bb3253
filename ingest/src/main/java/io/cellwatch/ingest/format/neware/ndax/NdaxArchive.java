package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.ZipArchives;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An {@code .ndax} file: a ZIP archive of {@code .ndc} tables and XML descriptions. BTS writes the
 * archive front to back, the central directory last, so an archive without its end-of-central-
 * directory record is one still being written (or cut short): {@link BinaryFileIncompleteException},
 * which a follower retries. Members are streamed, never held whole, except small XML ones.
 */
final class NdaxArchive implements Closeable {
    private final Path file;
    private final ZipFile zip;

    private NdaxArchive(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    static NdaxArchive open(Path file) throws IOException {
        ZipArchives.requireEndRecord(file);
        return new NdaxArchive(file, ZipArchives.open(file));
    }

    Path file() {
        return file;
    }

    boolean has(String member) throws BinaryFormatException {
        return entry(member) != null;
    }

    List<String> members() throws BinaryFormatException {
        List<String> names = new ArrayList<>();
        try {
            for (ZipEntry e : Collections.list(zip.entries())) {
                names.add(e.getName());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BinaryFormatException(file, "ZIP archive", "member names it can decode", e.getMessage());
        }
        return names;
    }

    private ZipEntry entry(String member) throws BinaryFormatException {
        try {
            return zip.getEntry(member);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BinaryFormatException(file, "ZIP archive", "member names it can decode", e.getMessage());
        }
    }

    /** The member's bytes as they are inflated; the caller closes the stream. */
    InputStream stream(String member) throws IOException {
        ZipEntry entry = entry(member);
        if (entry == null) {
            throw new BinaryFormatException(
                    file, "archive members", "a member " + member, String.join(", ", members()));
        }
        try {
            return zip.getInputStream(entry);
        } catch (ZipException | IllegalArgumentException | IllegalStateException e) {
            throw new BinaryFormatException(file, member, 0, "a readable ZIP member", e.getMessage());
        }
    }

    /** A small member whole (XML), or an error naming it when it is larger than {@code limit}. */
    byte[] small(String member, int limit) throws IOException {
        try (InputStream in = stream(member)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new BinaryFormatException(
                        file,
                        member,
                        limit,
                        String.format(Locale.ROOT, "at most %d bytes for this member", limit),
                        String.format(Locale.ROOT, "more than %d", limit));
            }
            return bytes;
        } catch (ZipException | java.io.EOFException e) {
            throw new BinaryFormatException(file, member, 0, "readable compressed data", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
