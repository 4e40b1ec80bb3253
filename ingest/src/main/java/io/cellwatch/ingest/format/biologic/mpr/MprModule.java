package io.cellwatch.ingest.format.biologic.mpr;

/**
 * One module of an {@code .mpr} file, as its header describes it.
 *
 * @param name              the short name, trailing spaces removed ({@code VMP data})
 * @param headerOffset      file offset of its {@code MODULE} keyword
 * @param lengthFieldOffset file offset of its length field (re-read while EC-Lab is still writing)
 * @param dataOffset        file offset of its first byte after the header
 * @param length            its length in bytes, as the header says
 * @param version           its version (for EC-Lab ≥ 11.50 headers the sum of the two version fields)
 */
record MprModule(String name, long headerOffset, long lengthFieldOffset, long dataOffset, long length, int version) {

    /** The offset just past its data, where the next module starts. */
    long end() {
        return dataOffset + length;
    }
}
