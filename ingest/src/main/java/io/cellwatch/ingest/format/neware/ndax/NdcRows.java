package io.cellwatch.ingest.format.neware.ndax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The rows of one {@code .ndc} table, in order. Every page holds as many fixed-size rows as fit
 * between its data start and its last byte; which slots hold a row says the page's validity
 * bitmask (from byte 4, one bit per slot, least significant bit first), as fastnda reads it, or for
 * the oldest versions (2, 5 without it) a record marker. A slot is numbered across pages, from 1:
 * for the voltage/current table that number is the record's index.
 */
final class NdcRows {
    private static final int BITMASK_START = 4;

    /** For tables without a bitmask: whether the slot at {@code offset} of the page holds a row. */
    @FunctionalInterface
    interface Marker {
        boolean holdsRow(ByteBuffer page, int offset);
    }

    private final NdcMember member;
    private final int rowSize;
    private final int dataStart;
    private final int rowsPerPage;
    private final Marker marker;
    private final byte[] page;
    private final ByteBuffer view;
    private boolean havePage;
    private long pages;
    private int row;

    /** Rows whose slots a page's bitmask marks. */
    NdcRows(NdcMember member, int rowSize, int dataStart) {
        this(member, rowSize, dataStart, null);
    }

    /** Rows a marker finds (no bitmask). */
    NdcRows(NdcMember member, int rowSize, int dataStart, Marker marker) {
        this.member = member;
        this.rowSize = rowSize;
        this.dataStart = dataStart;
        this.rowsPerPage = (member.pageSize() - dataStart - 1) / rowSize;
        this.marker = marker;
        this.page = new byte[member.pageSize()];
        this.view = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Moves to the next row; false at the end of the table. */
    boolean next() throws IOException {
        while (true) {
            if (!havePage || ++row >= rowsPerPage) {
                if (!member.nextPage(page)) {
                    havePage = false;
                    return false;
                }
                pages++;
                havePage = true;
                row = 0;
            }
            if (holdsRow(row)) {
                return true;
            }
        }
    }

    private boolean holdsRow(int slot) {
        if (marker != null) {
            return marker.holdsRow(view, dataStart + slot * rowSize);
        }
        return ((page[BITMASK_START + slot / 8] >> (slot % 8)) & 1) != 0;
    }

    /** The current row's slot number, from 1 across the table. */
    long slot() {
        return (pages - 1) * rowsPerPage + row + 1;
    }

    /** The page holding the current row (little endian). */
    ByteBuffer page() {
        return view;
    }

    /** Where the current row starts in {@link #page()}. */
    int offset() {
        return dataStart + row * rowSize;
    }

    /** Where the current row starts in the table, for messages. */
    long tableOffset() {
        return member.pageOffset() + offset();
    }

    NdcMember member() {
        return member;
    }
}
