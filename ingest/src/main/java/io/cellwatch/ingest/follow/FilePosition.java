package io.cellwatch.ingest.follow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How far a followed file has been delivered, committed to Kafka in the same transaction as the
 * rows it covers: after a crash the follower resumes exactly here.
 *
 * @param path                the file, absolute
 * @param format              the format it is read as
 * @param channelId           the channel its rows belong to
 * @param generation          0 for the file first seen at this path; +1 each time it was truncated or replaced
 * @param offset              a text file: bytes delivered, the offset just past the last complete line delivered;
 *                            a binary file: the cycler's data point of the last row delivered (before the shift)
 * @param line                a text file: lines delivered (the number of the last one); a binary file: rows delivered
 * @param fingerprintLength   how many leading bytes {@code fingerprint} covers (up to 4 KiB; 0 for a binary file,
 *                            whose header changes as it grows)
 * @param fingerprint         a text file: SHA-256 (hex) of those bytes: a file replaced by another at the same path
 *                            differs here; a binary file: its file key ({@code file-key:} and the inode), which a
 *                            file written anew at the path does not share (empty in positions written before it)
 * @param dataPointShift      added to this generation's record numbers, so they continue the channel's earlier ones
 * @param lastDataPoint       the highest record number delivered for the channel from this file (after the shift)
 * @param deadLettersAfter    a binary file: unreadable rows delivered as dead letters after the row at
 *                            {@code offset}, which a restart skips (they have no data point to resume after);
 *                            0 for a text file, whose offset covers them, and in positions written before it existed
 * @param fileKey             the file's key ({@code file-key:} and the inode) when the position was written, or null
 *                            (positions written before it, file systems without keys): with the leading bytes, it
 *                            tells a text file renamed while the follower was down from a new file
 * @param catalogPath         the path the file's channel and metadata are looked up under where that is not
 *                            {@code path} (the name it was first followed under, for a file renamed since), or null:
 *                            a renamed file stays on its channel across restarts
 * @param firstRow            a binary file: what its first row delivered read ({@link FirstRow}), or null (a text
 *                            file, nothing delivered yet, positions written before it): a binary file rewritten
 *                            from its start is the same test when its first row reads the same, another test
 *                            (a new cell under the old name) when not
 */
// Fields added later are left out while null, and unknown ones ignored, so positions read across versions.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilePosition(
        @JsonProperty(required = true) String path,
        @JsonProperty(required = true) String format,
        @JsonProperty(required = true) String channelId,
        @JsonProperty(required = true) int generation,
        @JsonProperty(required = true) long offset,
        @JsonProperty(required = true) long line,
        @JsonProperty(required = true) int fingerprintLength,
        @JsonProperty(required = true) String fingerprint,
        @JsonProperty(required = true) long dataPointShift,
        @JsonProperty(required = true) long lastDataPoint,
        @JsonProperty int deadLettersAfter,
        @JsonProperty String fileKey,
        @JsonProperty String catalogPath,
        @JsonProperty String firstRow) {

    /** A position without a binary file's first row. */
    public FilePosition(
            String path,
            String format,
            String channelId,
            int generation,
            long offset,
            long line,
            int fingerprintLength,
            String fingerprint,
            long dataPointShift,
            long lastDataPoint,
            int deadLettersAfter,
            String fileKey,
            String catalogPath) {
        this(
                path,
                format,
                channelId,
                generation,
                offset,
                line,
                fingerprintLength,
                fingerprint,
                dataPointShift,
                lastDataPoint,
                deadLettersAfter,
                fileKey,
                catalogPath,
                null);
    }

    /** A position without a file key (one written before positions had it). */
    public FilePosition(
            String path,
            String format,
            String channelId,
            int generation,
            long offset,
            long line,
            int fingerprintLength,
            String fingerprint,
            long dataPointShift,
            long lastDataPoint,
            int deadLettersAfter) {
        this(
                path,
                format,
                channelId,
                generation,
                offset,
                line,
                fingerprintLength,
                fingerprint,
                dataPointShift,
                lastDataPoint,
                deadLettersAfter,
                null,
                null);
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The same position for the file under another name (renamed within a followed directory). */
    public FilePosition atPath(String newPath) {
        return new FilePosition(
                newPath,
                format,
                channelId,
                generation,
                offset,
                line,
                fingerprintLength,
                fingerprint,
                dataPointShift,
                lastDataPoint,
                deadLettersAfter,
                fileKey,
                catalogPath != null ? catalogPath : path, // its channel stays the old name's
                firstRow);
    }

    /**
     * The same position, identifying a binary file by its file key (its leading bytes change as it grows)
     * and its test by its first row.
     */
    FilePosition identifiedBy(String fileKey, String firstRow) {
        return new FilePosition(
                path,
                format,
                channelId,
                generation,
                offset,
                line,
                0,
                fileKey,
                dataPointShift,
                lastDataPoint,
                deadLettersAfter,
                fileKey,
                catalogPath,
                firstRow);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FilePosition fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, FilePosition.class);
    }
}
