package io.cellwatch.ingest.format.binary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A binary cycler file whose structure is not what its format says. Like a text reader's bad row
 * ({@code FILE:LINE: field 'F': ...}) the message leads with the file and where in it, then says what
 * the format has there and what the file has instead: {@code FILE: module header at offset 52:
 * expected the keyword 'MODULE' that starts a module, found 'MODUL\x00'}. A lab engineer can then
 * open the file at that offset, or tell a truncated copy from a format cellwatch does not know.
 */
public class BinaryFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Damage at a byte offset of the file (or of a member inside an archive, named in {@code where}).
     *
     * @param where    the structure and field read there ("module header", "data record 3, column I/mA")
     * @param expected what the format has there, without a leading "expected"
     * @param found    what the file has instead, without a leading "found"
     */
    public BinaryFormatException(Path file, String where, long offset, String expected, String found) {
        super(String.format(
                Locale.ROOT, "%s: %s at offset %d: expected %s, found %s", file, where, offset, expected, found));
    }

    /** Damage that is not at a byte offset (a database table, a missing archive member). */
    public BinaryFormatException(Path file, String where, String expected, String found) {
        super(String.format(Locale.ROOT, "%s: %s: expected %s, found %s", file, where, expected, found));
    }

    /** A message written whole, for a file refused for what it is rather than for damage. */
    protected BinaryFormatException(String message) {
        super(message);
    }

    /** Up to {@code count} bytes of a buffer from {@code at}, as hex: {@code 55 00 1a ff}. */
    public static String hex(java.nio.ByteBuffer buffer, int at, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = at; i < Math.min(buffer.limit(), at + count); i++) {
            b.append(i == at ? "" : " ").append(String.format(Locale.ROOT, "%02x", buffer.get(i) & 0xFF));
        }
        return b.toString();
    }

    /** Bytes as a message shows them: in quotes, printable ASCII as is and every other byte as {@code \xNN}. */
    public static String quoted(byte[] bytes) {
        StringBuilder b = new StringBuilder("'");
        for (byte x : bytes) {
            int c = x & 0xFF;
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02X", c));
        }
        return b.append('\'').toString();
    }
}
