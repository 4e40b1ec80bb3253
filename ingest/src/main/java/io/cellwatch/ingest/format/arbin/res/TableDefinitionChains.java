package io.cellwatch.ingest.format.arbin.res;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses a {@code .res} whose table-definition page chain loops, before Jackcess opens it.
 *
 * <p>Why: a Jet 4 table definition that does not fit one page continues on the page named by the
 * 32-bit number at offset 4 of its page, and Jackcess follows that number until it reads 0, with no
 * guard against a page that leads back into the chain. A damaged file whose chain returns to a page
 * already read (fuzzing found one: a definition page pointing at a data page that points at itself)
 * makes Jackcess allocate page buffers without end. Jet 4 pages are 4,096 bytes and a definition
 * page starts with the byte {@code 0x02}.
 *
 * <p>One instance follows one file as it grows: pages already looked at are not read again, so a
 * follower polling a large result file reads only the headers of the pages added since.
 */
final class TableDefinitionChains {
    private static final int PAGE_BYTES = 4096;
    private static final byte TABLE_DEFINITION = 0x02;
    private static final int NEXT_PAGE_AT = 4;

    private final List<Integer> definitionPages = new ArrayList<>();
    private long pagesSeen;

    /** Fails naming the page where a definition's chain comes back to a page it has already passed. */
    void requireEnding(Path file) throws BinaryFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long pages = channel.size() / PAGE_BYTES;
            if (pages < pagesSeen) {
                definitionPages.clear(); // a shorter file is another file: look at it all
                pagesSeen = 0;
            }
            ByteBuffer header = ByteBuffer.allocate(1);
            for (long page = pagesSeen; page < pages; page++) {
                header.clear();
                if (channel.read(header, page * PAGE_BYTES) == 1 && header.get(0) == TABLE_DEFINITION) {
                    definitionPages.add((int) page);
                }
            }
            pagesSeen = pages;
            for (int first : definitionPages) {
                follow(file, channel, first, pages);
            }
        } catch (IOException e) {
            throw new BinaryFormatException(file, "Access database pages", "a readable file", e.toString());
        }
    }

    private static void follow(Path file, FileChannel channel, int first, long pages)
            throws IOException, BinaryFormatException {
        Set<Long> passed = new HashSet<>();
        passed.add((long) first);
        ByteBuffer next = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        long page = first;
        while (true) {
            next.clear();
            if (channel.read(next, page * PAGE_BYTES + NEXT_PAGE_AT) < 4) {
                return; // the page is cut short: Jackcess reports that itself
            }
            long following = Integer.toUnsignedLong(next.getInt(0));
            if (following == 0 || following >= pages) {
                return; // the chain ends, or leaves the file: Jackcess fails on that with an error
            }
            if (!passed.add(following)) {
                throw new BinaryFormatException(
                        file,
                        "table definition starting on page " + first + ", next-page pointer of page " + page,
                        page * PAGE_BYTES + NEXT_PAGE_AT,
                        "a chain of continuation pages that ends",
                        "page " + following + ", which the chain passed already: page " + page + " leads back to page "
                                + following);
            }
            page = following;
        }
    }
}
