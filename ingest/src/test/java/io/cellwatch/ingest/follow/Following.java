package io.cellwatch.ingest.follow;

import io.cellwatch.model.Sample;
import java.util.List;

/** What the follower tests do with a follower and its output. */
final class Following {
    private Following() {}

    /** Polls until a poll delivers nothing (at most 100 polls). */
    static void drain(FileFollower follower) throws Exception {
        for (int i = 0; i < 100 && follower.pollOnce(); i++) {
            // deliver until nothing is left
        }
    }

    /** The record numbers of every sample delivered, in order. */
    static List<Long> dataPoints(InMemoryFollowOutput out) {
        return out.samples.stream().map(Sample::dataPoint).toList();
    }
}
