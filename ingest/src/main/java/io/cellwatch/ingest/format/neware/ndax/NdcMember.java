package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * One {@code .ndc} table inside an {@code .ndax}: a file header (file type at byte 0, version at
 * byte 2), then pages of rows. Versions 1–4 use 512-byte pages and header, later ones 4096. Read
 * page by page from the inflating stream, so a table of any size takes one page of memory.
 */
final class NdcMember implements Closeable {
    static final int DATA = 1;
    static final int AUX = 5;
    static final int STEP = 7;
    static final int RUN_INFO = 18;

    private final Path file;
    private final String name;
    private final InputStream in;
    private final int fileType;
    private final int version;
    private final int pageSize;
    private long offset;
    private byte[] held;

    private NdcMember(Path file, String name, InputStream in, int fileType, int version, int pageSize) {
        this.file = file;
        this.name = name;
        this.in = in;
        this.fileType = fileType;
        this.version = version;
        this.pageSize = pageSize;
        this.offset = pageSize;
    }

    /** Opens a member and reads its file header. */
    static NdcMember open(NdaxArchive archive, String name) throws IOException {
        InputStream in = archive.stream(name);
        try {
            byte[] header = new byte[4096];
            int got = read(archive.file(), name, in, header, 0, 3, 0);
            if (got < 3) {
                throw new BinaryFormatException(
                        archive.file(),
                        name + ", ndc header",
                        got,
                        "an ndc file header (type at byte 0, version at byte 2)",
                        got == 0 ? "an empty member" : "the end of the member");
            }
            int version = header[2] & 0xFF;
            int pageSize = version <= 4 ? 512 : 4096;
            got += read(archive.file(), name, in, header, 3, pageSize - 3, 3);
            if (got < pageSize) {
                throw new BinaryFormatException(
                        archive.file(),
                        name + ", ndc header",
                        got,
                        String.format(Locale.ROOT, "an ndc file header of %d bytes", pageSize),
                        "the end of the member");
            }
            return new NdcMember(archive.file(), name, in, header[0] & 0xFF, version, pageSize);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    int fileType() {
        return fileType;
    }

    int version() {
        return version;
    }

    int pageSize() {
        return pageSize;
    }

    Path file() {
        return file;
    }

    /**
     * Reads the next page into {@code page}.
     *
     * @return false at the end of the table
     */
    boolean nextPage(byte[] page) throws IOException {
        if (held != null) {
            System.arraycopy(held, 0, page, 0, pageSize);
            held = null;
            offset += pageSize;
            return true;
        }
        int got = read(file, name, in, page, 0, pageSize, offset);
        if (got == 0) {
            return false;
        }
        if (got < pageSize) {
            throw new BinaryFormatException(
                    file,
                    name + ", page " + (offset / pageSize),
                    offset + got,
                    String.format(Locale.ROOT, "a whole page of %d bytes", pageSize),
                    "the end of the member: the table ends inside a page");
        }
        offset += pageSize;
        return true;
    }

    /**
     * A byte of the next page without consuming it (tables whose row layout the first row tells),
     * or -1 when the table has no more pages.
     */
    int peek(int at) throws IOException {
        if (held == null) {
            byte[] page = new byte[pageSize];
            if (!nextPage(page)) {
                return -1;
            }
            held = page;
            offset -= pageSize;
        }
        return held[at] & 0xFF;
    }

    /** Where the page last read starts in the table, for messages. */
    long pageOffset() {
        return offset - pageSize;
    }

    /** Damage at an offset of this member, in the field named. */
    BinaryFormatException damaged(long at, String field, String expected, String found) {
        return new BinaryFormatException(file, name + ", " + field, at, expected, found);
    }

    /** Reads up to {@code length} bytes into {@code into} at {@code from}; fewer only at the end of the member. */
    private static int read(Path file, String name, InputStream in, byte[] into, int from, int length, long at)
            throws IOException {
        try {
            return in.readNBytes(into, from, length);
        } catch (ZipException e) {
            throw new BinaryFormatException(file, name, at, "readable compressed data", e.getMessage());
        } catch (java.io.EOFException e) {
            throw new BinaryFormatException(file, name, at, "compressed data to the end of the member", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
