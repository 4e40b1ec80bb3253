package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.testformat.FixedRecordFormat;
import io.cellwatch.model.kafka.KafkaConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An ingester that follows a directory into Kafka and also knows the tests' binary format, run as
 * its own JVM so {@link BinaryFollowIngestIT} can SIGKILL it: {@code ingest --follow} wired the same
 * way (a {@link FileFollower} into a {@link KafkaFollowOutput}), which the command line cannot be
 * told about a format that exists only in tests.
 *
 * <p>Arguments: directory, bootstrap servers, topic prefix, ingester id.
 */
public final class BinaryIngesterMain {
    private BinaryIngesterMain() {}

    public static void main(String[] args) throws Exception {
        FollowSettings settings = FollowSettings.of(
                        List.of(Path.of(args[0])), new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC))
                .withBinaryFormats(List.of(new FixedRecordFormat()))
                .withPollInterval(Duration.ofMillis(50));
        try (KafkaFollowOutput output = new KafkaFollowOutput(KafkaConnection.plain(args[1]), args[2], args[3]);
                FileFollower follower = new FileFollower(settings, output, new SimpleMeterRegistry())) {
            follower.start();
            Runtime.getRuntime().addShutdownHook(new Thread(follower::stop));
            follower.run();
        }
    }
}
