package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The framing of an {@code .mpr}: a 52-byte file header ({@code BIO-LOGIC MODULAR FILE\x1a}, spaces to
 * 48 bytes, four zero bytes), then modules, each {@code MODULE}, a 10-byte short name, a 25-byte long
 * name and either the old header (length, version, 8-byte date) or, where the four bytes after the
 * long name are {@code FF FF FF FF} (EC-Lab ≥ 11.50), the new one (that marker, length, two version
 * fields, date).
 */
final class ModuleFraming {
    static final String SETTINGS = "VMP Set";
    static final String DATA = "VMP data";
    static final String LOG = "VMP LOG";
    static final String LOOP = "VMP loop";
    static final String EXTERNAL_DEVICE = "VMP ExtDev";
    static final List<String> KNOWN = List.of(SETTINGS, DATA, LOG, LOOP, EXTERNAL_DEVICE);

    static final byte[] MODULE = "MODULE".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FILE_MAGIC = fileMagic();
    /** Bytes of the magic that identify the format; the padding after them is checked when reading. */
    static final int SIGNATURE_BYTES = 23;

    static final long FIRST_MODULE = FILE_MAGIC.length;

    private static final int SHORT_NAME = 10;
    private static final int LONG_NAME = 25;
    private static final int NAMES_END = 6 + SHORT_NAME + LONG_NAME;
    private static final int OLD_HEADER = NAMES_END + 4 + 4 + 8;
    private static final int NEW_HEADER = NAMES_END + 4 + 4 + 4 + 4 + 8;
    private static final int NEW_HEADER_MARKER = 0xFFFF_FFFF;

    private ModuleFraming() {}

    private static byte[] fileMagic() {
        byte[] magic = new byte[52];
        Arrays.fill(magic, 0, 48, (byte) ' ');
        byte[] text = "BIO-LOGIC MODULAR FILE\u001a".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, magic, 0, text.length);
        return magic; // the last four stay zero
    }

    /**
     * Checks the file header.
     *
     * @return false when the file is still shorter than the header but what is there matches
     * @throws BinaryFormatException at the first byte that differs
     */
    static boolean fileHeaderPresent(FileBytes bytes) throws IOException {
        int available = (int) Math.min(bytes.size(), FILE_MAGIC.length);
        ByteBuffer head = bytes.read(0, available);
        for (int i = 0; i < available; i++) {
            if (head.get(i) != FILE_MAGIC[i]) {
                throw new BinaryFormatException(
                        bytes.file(),
                        "file header",
                        i,
                        "the BioLogic header 'BIO-LOGIC MODULAR FILE', spaces to 48 bytes and four zero bytes",
                        BinaryFormatException.quoted(bytes(head, i, Math.min(available, i + 8))));
            }
        }
        return available == FILE_MAGIC.length;
    }

    /**
     * The module whose header starts at {@code at}, or null when the file ends inside the header.
     *
     * @throws BinaryFormatException when there is no {@code MODULE} keyword or the module is not one EC-Lab writes
     */
    static MprModule readModule(FileBytes bytes, long at) throws IOException {
        if (!bytes.has(at, NAMES_END + 4)) {
            if (bytes.has(at, MODULE.length) && !bytes.startsWith(at, MODULE)) {
                throw notAModule(bytes, at);
            }
            return null;
        }
        ByteBuffer top = bytes.read(at, NAMES_END + 4);
        for (int i = 0; i < MODULE.length; i++) {
            if (top.get(i) != MODULE[i]) {
                throw notAModule(bytes, at);
            }
        }
        byte[] shortName = new byte[SHORT_NAME];
        top.get(MODULE.length, shortName);
        String name = new String(shortName, StandardCharsets.ISO_8859_1).stripTrailing();
        if (!KNOWN.contains(name)) {
            throw new BinaryFormatException(
                    bytes.file(),
                    "module header, module name",
                    at + MODULE.length,
                    "one of the modules EC-Lab writes (" + String.join(", ", KNOWN) + ")",
                    BinaryFormatException.quoted(name.getBytes(StandardCharsets.ISO_8859_1)));
        }
        boolean newHeader = top.getInt(NAMES_END) == NEW_HEADER_MARKER;
        int headerBytes = newHeader ? NEW_HEADER : OLD_HEADER;
        if (!bytes.has(at, headerBytes)) {
            return null;
        }
        ByteBuffer header = bytes.read(at + NAMES_END, headerBytes - NAMES_END);
        long lengthField = at + NAMES_END + (newHeader ? 4 : 0);
        long length = header.getInt(newHeader ? 4 : 0) & 0xFFFF_FFFFL;
        long version = newHeader
                ? (header.getInt(8) & 0xFFFF_FFFFL) + (header.getInt(12) & 0xFFFF_FFFFL)
                : header.getInt(4) & 0xFFFF_FFFFL;
        return new MprModule(
                name, at, lengthField, at + headerBytes, length, (int) Math.min(version, Integer.MAX_VALUE));
    }

    private static BinaryFormatException notAModule(FileBytes bytes, long at) throws IOException {
        ByteBuffer keyword = bytes.read(at, MODULE.length);
        return new BinaryFormatException(
                bytes.file(),
                "module header",
                at,
                "the keyword 'MODULE' that starts a module",
                BinaryFormatException.quoted(bytes(keyword, 0, MODULE.length)));
    }

    private static byte[] bytes(ByteBuffer buffer, int from, int to) {
        byte[] out = new byte[to - from];
        buffer.get(from, out);
        return out;
    }
}
