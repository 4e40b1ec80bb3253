package io.cellwatch.ingest.follow;

import java.util.Map;

/**
 * Where a {@link FileFollower} delivers: atomically, records together with the file positions
 * they reach, so a crash at any point neither loses nor repeats a row ({@link KafkaFollowOutput}:
 * one Kafka transaction per batch).
 */
public interface FollowOutput extends AutoCloseable {

    /** The positions committed by an earlier run of this follower, by path. */
    Map<String, FilePosition> restore() throws Exception;

    /** Delivers a batch: all of it or, on failure, none of it (and throws). */
    void deliver(FollowBatch batch) throws Exception;

    @Override
    void close();
}
