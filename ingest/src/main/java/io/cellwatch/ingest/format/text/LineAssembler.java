package io.cellwatch.ingest.format.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into text lines, remembering the byte offset just past each complete line.
 * Bytes after the last newline are held back until their newline arrives: a cycler that is halfway
 * through writing a row has not written a row yet. Used for whole files and for files that grow.
 *
 * <p>Each line is decoded on its own: UTF-8 when it is valid UTF-8, windows-1252 otherwise. Cycler
 * software on Windows writes in the PC's ANSI code page, windows-1252 in Western locales (EC-Lab's
 * {@code °C} and {@code µF}, Neware BTSDA's {@code Current(µA)}), newer versions UTF-8, sometimes
 * with a byte order mark; windows-1252 is latin-1 plus printable characters where latin-1 has
 * control codes, so latin-1 files read the same. A trailing carriage return is dropped.
 *
 * <p>On a PC set to Chinese the ANSI code page is GBK, which GB18030 extends: Neware BTSDA writes its
 * Chinese exports ({@code 电压(V)}, {@code 恒流充电}) that way. The two code pages cannot be told apart
 * byte by byte: {@code µA} in windows-1252 ({@code B5 41}) is a valid GBK character too. So a line that
 * is not UTF-8 is read as GB18030 only where it decodes strictly and then holds a word of a cycler's
 * Chinese vocabulary ({@link #CYCLER_WORDS}: column names and step types), which Western text read as
 * GBK does not spell by chance; after such a line, the stream's other non-UTF-8 lines are read as
 * GB18030 too wherever they decode strictly (a remark column in Chinese beside the data).
 *
 * <p>A line is held to its first {@link #MAX_LINE_BYTES}; the bytes past that are counted (offsets stay
 * the file's) but not kept, and the line is handed over cut there. No cycler writes a row near that
 * long (an 80-column EC-Lab row is about 1 KiB); a "line" that long is a power loss's run of NUL bytes
 * or a binary file, which held whole until a newline took the follower's memory with it.
 */
public final class LineAssembler {

    /** Receives complete lines. */
    @FunctionalInterface
    public interface LineHandler {
        /**
         * @param line      the line's text, without terminator
         * @param endOffset the byte offset just past the line's newline
         */
        void line(String line, long endOffset) throws IOException;
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset GB18030 = Charset.forName("GB18030");
    /**
     * Words of Chinese cycler exports: column names (voltage, current, capacity, energy, power, time,
     * cycle, step, index, temperature, state) and step types (charge, discharge, rest, shelved, pause,
     * end, pulse, internal resistance). Each is two characters, four GBK bytes that Western text would
     * have to spell exactly.
     */
    static final List<String> CYCLER_WORDS = List.of(
            "电压", "电流", "容量", "能量", "功率", "时间", "循环", "工步", "序号", "温度", "状态", "充电", "放电", "搁置", "静置", "暂停", "结束", "脉冲",
            "内阻");
    /** The most of one line held in memory. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharsetDecoder gb18030 = GB18030.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Whether a line of this stream has shown it to be Chinese ANSI text (GBK / GB18030). */
    private boolean chinese;

    private byte[] pending = new byte[256];
    private int pendingLength;
    /** Bytes of the pending line past {@link #MAX_LINE_BYTES}: counted, not kept. */
    private long pendingSkipped;

    private long completeOffset;

    /** Starts at byte offset {@code startOffset} of the stream (0 for the start of a file). */
    public LineAssembler(long startOffset) {
        this.completeOffset = startOffset;
    }

    /** Feeds the next bytes of the stream; every line completed by them goes to the handler. */
    public void feed(byte[] bytes, int offset, int length, LineHandler handler) throws IOException {
        feed(bytes, offset, length, Integer.MAX_VALUE, handler);
    }

    /**
     * Like {@link #feed(byte[], int, int, LineHandler)}, but stops after {@code maxLines} complete
     * lines and drops the bytes after the last of them: the caller reads them again from
     * {@link #fedOffset()} later. A follower uses this to keep one transaction to its line budget.
     *
     * @return the lines handed over
     */
    public int feed(byte[] bytes, int offset, int length, int maxLines, LineHandler handler) throws IOException {
        int start = offset;
        int end = offset + length;
        int handed = 0;
        for (int i = offset; i < end && handed < maxLines; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            long lineBytes = pendingLength + pendingSkipped + (i + 1L - start);
            String line;
            if (pendingLength == 0 && pendingSkipped == 0 && i - start <= MAX_LINE_BYTES) {
                line = decode(bytes, start, i - start);
            } else {
                append(bytes, start, i - start);
                line = decode(pending, 0, pendingLength);
                pendingLength = 0;
                pendingSkipped = 0;
            }
            boolean atStart = completeOffset == 0;
            completeOffset += lineBytes;
            handler.line(atStart ? stripByteOrderMark(line) : line, completeOffset);
            handed++;
            start = i + 1;
        }
        if (start < end && handed < maxLines) {
            append(bytes, start, end - start);
        }
        return handed;
    }

    /** Byte offset just past the last complete line. */
    public long completeOffset() {
        return completeOffset;
    }

    /** Byte offset just past everything fed so far, a partial last line included. */
    public long fedOffset() {
        return completeOffset + pendingLength + pendingSkipped;
    }

    /** True when bytes after the last newline are waiting for theirs. */
    public boolean hasPartialLine() {
        return pendingLength > 0 || pendingSkipped > 0;
    }

    /**
     * The bytes after the last newline as a line, for a stream that has ended (a recorded file whose
     * last row has no newline, or a rotated-away file); clears them.
     */
    public String takePartialLine() {
        String line = decode(pending, 0, pendingLength);
        boolean atStart = completeOffset == 0;
        completeOffset += pendingLength + pendingSkipped;
        pendingLength = 0;
        pendingSkipped = 0;
        return atStart ? stripByteOrderMark(line) : line;
    }

    /** Keeps the bytes up to the line's {@link #MAX_LINE_BYTES}, counts the rest. */
    private void append(byte[] bytes, int offset, int length) {
        int kept = (int) Math.min(length, MAX_LINE_BYTES - pendingLength);
        if (pendingLength + kept > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + kept));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, kept);
        pendingLength += kept;
        pendingSkipped += length - kept;
    }

    private String decode(byte[] bytes, int offset, int length) {
        int n = length;
        if (n > 0 && bytes[offset + n - 1] == '\r') {
            n--;
        }
        boolean ascii = true;
        for (int i = offset; i < offset + n; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, offset, n, StandardCharsets.ISO_8859_1);
        }
        if (chinese) {
            // A stream known to be GBK: its rows (a step type on each) are not UTF-8, so no UTF-8 attempt first.
            String text = gb18030(bytes, offset, n);
            if (text != null) {
                return text;
            }
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, offset, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            String text = chinese ? null : gb18030(bytes, offset, n);
            if (text != null && spellsCyclerWord(text)) {
                chinese = true;
                return text;
            }
            return new String(bytes, offset, n, WINDOWS_1252);
        }
    }

    /** The bytes as GB18030, or null where they are not. */
    private String gb18030(byte[] bytes, int offset, int n) {
        try {
            return gb18030.reset().decode(ByteBuffer.wrap(bytes, offset, n)).toString();
        } catch (CharacterCodingException notGb18030) {
            return null;
        }
    }

    private static boolean spellsCyclerWord(String text) {
        for (String word : CYCLER_WORDS) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Learns the stream's code page from its first bytes without handing any line over: a follower that
     * resumes mid-file has not seen the header that showed its lines to be Chinese ANSI text, and rows
     * without a cycler word of their own (a generic mapping's dates, a remark) would be read as windows-1252.
     */
    public void learnCodePageFrom(byte[] head) {
        int start = 0;
        for (int i = 0; i < head.length && !chinese; i++) {
            if (head[i] == '\n') {
                decode(head, start, i - start);
                start = i + 1;
            }
        }
    }

    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
