package io.cellwatch.ingest.channels;

import io.cellwatch.model.Sample;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a channel's record numbers increasing when its data comes in several files (exports split
 * by date, a file rotated or restarted by the cycler). The summarizer ignores a sample that is not
 * newer than the channel's last one, so a second file restarting at record 1 would otherwise be
 * dropped as a redelivery: each file's numbers are shifted past the highest number the channel
 * had before that file began.
 */
public final class DataPointSequence {
    private final Map<String, Long> highest = new HashMap<>();
    /** Per channel numbered since the {@link #mark}, its highest number then (null: none). */
    private final Map<String, Long> before = new HashMap<>();

    private boolean marked;

    /** A file begins; each channel's shift is fixed at that channel's first sample in the file. */
    public FileRun startFile() {
        return new FileRun();
    }

    /**
     * A file of {@code channelId} begins and its shift is fixed now, before its first sample: a
     * follower records the shift with the file's position, so a restart numbers the rest the same way.
     */
    public FileRun startFile(String channelId) {
        FileRun run = new FileRun();
        run.shift(channelId);
        return run;
    }

    /** A file delivered in part by an earlier run continues with the shift it had and the numbers it reached. */
    public FileRun resumeFile(String channelId, long shift, long lastDataPoint) {
        FileRun run = new FileRun();
        run.shift.put(channelId, shift);
        run.lastDataPoint = lastDataPoint;
        observe(channelId, lastDataPoint);
        return run;
    }

    /** The highest record number seen on a channel so far (0 before any). */
    public long highest(String channelId) {
        return highest.getOrDefault(channelId, 0L);
    }

    /** Records that a channel reached this number elsewhere (a restarted follower's saved positions). */
    public void observe(String channelId, long dataPoint) {
        if (marked && !before.containsKey(channelId)) {
            before.put(channelId, highest.get(channelId));
        }
        highest.merge(channelId, dataPoint, Math::max);
    }

    /**
     * Remembers the numbers as they are now, for {@link #rollBack}: rows numbered from here may not be
     * delivered (a follower's read of a file failed half way), and numbers they took must not be skipped by
     * the rows read again. The mark holds until the next {@link #mark}.
     */
    public void mark() {
        before.clear();
        marked = true;
    }

    /** The numbers as they were at the {@link #mark}. */
    public void rollBack() {
        before.forEach((channelId, was) -> {
            if (was == null) {
                highest.remove(channelId);
            } else {
                highest.put(channelId, was);
            }
        });
        before.clear();
    }

    /** One file's renumbering: the shift per channel is fixed once, then applied to every sample of it. */
    public final class FileRun {
        private final Map<String, Long> shift = new HashMap<>();
        private long lastDataPoint;

        private FileRun() {}

        /** The shift of this file's samples of a channel, fixed now if the file had none of them yet. */
        public long shift(String channelId) {
            return shift.computeIfAbsent(channelId, id -> {
                long by = highest(id);
                lastDataPoint = Math.max(lastDataPoint, by);
                return by;
            });
        }

        /** The highest record number this file has given so far, after the shift (the first shift before any). */
        public long lastDataPoint() {
            return lastDataPoint;
        }

        public Sample renumber(Sample s) {
            long by = shift(s.channelId());
            long dataPoint = s.dataPoint() + by;
            observe(s.channelId(), dataPoint);
            lastDataPoint = Math.max(lastDataPoint, dataPoint);
            if (by == 0) {
                return s;
            }
            return s.withDataPoint(dataPoint);
        }
    }
}
