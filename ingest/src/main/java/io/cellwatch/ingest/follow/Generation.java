package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.ChannelRecords;
import java.nio.file.Path;

/**
 * One generation of a followed path, as its reader sees it: the path, the path its channel is
 * looked up under (the name it was first followed under, for a file renamed since), the file open
 * there, its number (+1 each time the path's file was truncated, replaced or rotated), and the
 * channel its records go to, renumbered.
 */
record Generation(Path path, Path catalogPath, FileIdentity file, int number, ChannelRecords records) {

    String channelId() {
        return records.source().channelId();
    }

    /**
     * Where a restart resumes: the leading-bytes fingerprint and the renumbering come from this
     * generation, the rest from its reader.
     */
    FilePosition position(String format, long offset, long line, int deadLettersAfter) {
        return new FilePosition(
                path.toString(),
                format,
                channelId(),
                number,
                offset,
                line,
                file.fingerprintLength(),
                file.fingerprint(),
                records.numbering().shift(channelId()),
                records.numbering().lastDataPoint(),
                deadLettersAfter,
                file.keyFingerprint().isEmpty() ? null : file.keyFingerprint(),
                catalogPath.equals(path) ? null : catalogPath.toString());
    }
}
