package io.cellwatch.alerts.ledger;

import static io.cellwatch.alerts.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EpisodeCodecTest {

    @Test
    void anEpisodeSurvivesTheLedgerUnchanged() throws IOException {
        Episode warning = Lifecycle.apply(null, firing("ch-7", 30, 31, Severity.WARNING), 3, 17, Long.MAX_VALUE);
        Episode episode = Lifecycle.apply(warning, firing("ch-7", 30, 32, Severity.CRITICAL), 3, 19, Long.MAX_VALUE)
                .withDelivered("alertmanager", 17)
                .withDelivered("webhook-1a2b3c4d", 19);

        Episode read = EpisodeCodec.fromBytes(EpisodeCodec.toBytes(episode));

        assertThat(read).isEqualTo(episode);
        assertThat(read.latest().evidence())
                .containsExactlyEntriesOf(episode.latest().evidence());
    }

    @Test
    void anEntryOfAnUnknownSchemaIsRefusedByName() {
        byte[] future = """
                {"schemaVersion":2,"alertId":"x","latest":null,"alertsPartition":0,"lastOffset":0,"startsAtMs":0,"revision":1}
                """.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EpisodeCodec.fromBytes(future)).hasMessageContaining("schemaVersion");
    }
}
