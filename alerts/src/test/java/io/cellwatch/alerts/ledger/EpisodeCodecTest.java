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
                .withDelivered("webhook-1a2b3c4d", 19)
                .withSending("alertmanager", 19);

        Episode read = EpisodeCodec.fromBytes(EpisodeCodec.toBytes(episode));

        assertThat(read).isEqualTo(episode);
        assertThat(read.mayHaveReached("alertmanager", 19)).isTrue();
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

    @Test
    void anEntryWrittenBeforeDeliveriesWereMarkedAsBegunReadsAsNoneBegun() throws IOException {
        Episode episode = Lifecycle.apply(null, firing("ch-7", 30, 31, Severity.WARNING), 3, 17, Long.MAX_VALUE)
                .withDelivered("webhook-1a2b3c4d", 17);
        String written = new String(EpisodeCodec.toBytes(episode), StandardCharsets.UTF_8);
        String older = written.replaceAll(",?\"sendingOffsets\":\\{[^}]*\\}", "");
        assertThat(older).doesNotContain("sendingOffsets").contains("deliveredOffsets");

        Episode read = EpisodeCodec.fromBytes(older.getBytes(StandardCharsets.UTF_8));

        assertThat(read.sendingOffsets()).isEmpty();
        assertThat(read.delivered("webhook-1a2b3c4d", 17)).isTrue();
    }
}
