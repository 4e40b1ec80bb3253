package io.cellwatch.alerts.ledger;

import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.lifecycle.Episode;
import java.io.IOException;

/** JSON of a ledger entry: readable with any Kafka tool, unknown fields ignored for forward compatibility. */
public final class EpisodeCodec {
    private EpisodeCodec() {}

    public static byte[] toBytes(Episode episode) {
        return Json.bytes(episode);
    }

    /** @throws IOException naming the problem when the bytes are not a ledger entry */
    public static Episode fromBytes(byte[] bytes) throws IOException {
        return Json.MAPPER.readValue(bytes, Episode.class);
    }
}
