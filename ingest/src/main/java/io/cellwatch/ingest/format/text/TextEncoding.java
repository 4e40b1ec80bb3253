package io.cellwatch.ingest.format.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What in a text file's first bytes cellwatch's line reading cannot take, said before any format is
 * tried: otherwise such a file was "unrecognised" with no reason given, or worse, taken as one line.
 *
 * <ul>
 *   <li>UTF-16 (a byte-order mark {@code FF FE} or {@code FE FF}: Excel's "Unicode Text", some Windows
 *       tools): lines are read as UTF-8, Windows-1252 or GB18030, byte by byte, so every character would carry a
 *       NUL;
 *   <li>lines ended by a carriage return alone (classic Mac, Excel for Mac's "CSV (Macintosh)"): lines
 *       end at a line feed, so the whole file would be one line, its header and rows together, read
 *       as a header with no rows and no error;
 *   <li>a gzip stream or a ZIP archive (an archived export): named, with how to get the text out.
 * </ul>
 */
public final class TextEncoding {
    private TextEncoding() {}

    /** How many of a file's first bytes are looked at: a header line fits, and so its line end. */
    public static final int HEAD_BYTES = 4096;

    /** The file's first {@link #HEAD_BYTES} bytes, fewer for a short file. */
    public static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /** Whether these first bytes are an archive's (gzip or ZIP), which a ZIP-based binary format's are too. */
    public static boolean archive(byte[] head) {
        return gzip(head) || zip(head);
    }

    private static boolean gzip(byte[] head) {
        return head.length >= 2 && head[0] == (byte) 0x1F && head[1] == (byte) 0x8B;
    }

    private static boolean zip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Why these first bytes of a file cannot be read as lines of text here, or empty when they can. */
    public static Optional<String> unreadable(byte[] head) {
        // Archived exports (a BDF dataset's *.bdf.csv.gz, a zipped CSV): a follower could not tail a compressed
        // stream anyway, so they are named as what they are rather than taken for text no format recognises.
        if (gzip(head)) {
            return Optional.of("gzip-compressed (it starts with the gzip magic 1F 8B): decompress it first"
                    + " (gunzip -k FILE) and read the file inside");
        }
        if (zip(head)) {
            return Optional.of("a ZIP archive (it starts with PK 03 04) of no format cellwatch reads: extract it"
                    + " first (unzip FILE) and read the files inside");
        }
        if (head.length >= 2
                && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            return Optional.of("UTF-16 text (it starts with a UTF-16 byte-order mark): cellwatch reads text files in"
                    + " UTF-8, Windows-1252 (ANSI) or GB18030 (Chinese ANSI); save the export in one of those");
        }
        // A carriage return with something after it other than a line feed, and no line feed anywhere: a CRLF
        // file still being written can end in a carriage return whose line feed is not there yet.
        boolean loneCarriageReturn = false;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == '\n') {
                return Optional.empty();
            }
            loneCarriageReturn |= head[i] == '\r' && i + 1 < head.length;
        }
        return loneCarriageReturn
                ? Optional.of("its lines end with a carriage return alone (classic Mac line endings): save the"
                        + " export with LF or CRLF line endings")
                : Optional.empty();
    }
}
